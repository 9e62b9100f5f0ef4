package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The manifest of an app archive ({@code tar.gz}, {@code tar} or {@code zip}), found at its root
 * or under its top folder: what the command line needs to name what it publishes. The server
 * checks the archive itself; this only reads.
 */
final class ArchiveManifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST = 2 << 20;

    private ArchiveManifest() {}

    static JsonNode read(Path archive) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            in.mark(4);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                return fromTar(new GZIPInputStream(in));
            }
            if (b1 == 'P' && b2 == 'K') {
                return fromZip(new ZipInputStream(in));
            }
            return fromTar(in);
        }
    }

    private static boolean isManifest(String name) {
        String path = name.startsWith("./") ? name.substring(2) : name;
        String[] parts = path.split("/");
        String last = parts[parts.length - 1];
        return parts.length <= 2 && (last.equals("manifest.webapp") || last.equals("manifest.konnector"));
    }

    private static JsonNode fromZip(ZipInputStream zip) throws IOException {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (!e.isDirectory() && isManifest(e.getName())) {
                return JSON.readTree(zip.readNBytes(MAX_MANIFEST));
            }
        }
        throw new IOException("No manifest.webapp or manifest.konnector in the archive");
    }

    private static JsonNode fromTar(InputStream tar) throws IOException {
        byte[] header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(
                    field(header, 124, 12).trim().isEmpty()
                            ? "0"
                            : field(header, 124, 12).trim(),
                    8);
            byte type = header[156];
            if ((type == '0' || type == 0) && isManifest(name) && size <= MAX_MANIFEST) {
                return JSON.readTree(tar.readNBytes((int) size));
            }
            tar.skipNBytes((size + 511) / 512 * 512);
        }
        throw new IOException("No manifest.webapp or manifest.konnector in the archive");
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
