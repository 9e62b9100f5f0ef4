package dev.hearth.apps.internal.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A gzipped ustar archive of a few files, as app tarballs are. */
final class TestTarGz {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    TestTarGz file(String name, String content) {
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A web app whose manifest has the given slug, version and editor. */
    static TestTarGz webapp(String slug, String version, String editor) {
        return new TestTarGz()
                .file(
                        slug + "/manifest.webapp",
                        "{\"slug\":\"" + slug + "\",\"version\":\"" + version + "\",\"editor\":\"" + editor
                                + "\",\"icon\":\"icon.svg\"}")
                .file(slug + "/icon.svg", "<svg/>")
                .file(slug + "/index.html", "<html>" + version + "</html>");
    }

    Path writeTo(Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                out.write(header(e.getKey(), e.getValue().length));
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return target;
    }

    private static byte[] header(String name, int size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
