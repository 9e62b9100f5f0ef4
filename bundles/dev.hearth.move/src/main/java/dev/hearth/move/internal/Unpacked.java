package dev.hearth.move.internal;

import dev.hearth.move.ExportPart;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * An archive laid out in a work folder and checked, before an import writes anything: a Hearth
 * archive (a tar of a manifest and parts, each part's size and SHA-256 matching the manifest),
 * or one part of Cozy's exports (a zip, which has no manifest: only its zip structure is checked).
 *
 * @param manifest null for a Cozy export
 */
record Unpacked(@Nullable Manifest manifest, List<Path> parts) {

    /** Lays the archive out in {@code work} and checks it; 422 with the reason when it is not sound. */
    static Unpacked of(Path archive, Path work) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return of(in, work);
        }
    }

    /** Reads the archive from a stream (a tar is laid out as it is read, a zip kept whole). */
    static Unpacked of(InputStream stream, Path work) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            Path zip = work.resolve("cozy-export.zip");
            Files.copy(in, zip);
            checkZip(zip, "the archive");
            return new Unpacked(null, List.of(zip));
        }
        return untar(in, work);
    }

    private static Unpacked untar(InputStream in, Path work) throws IOException {
        Manifest manifest = null;
        Tar.Entry e;
        while ((e = next(in)) != null) {
            if (e.name().equals(Manifest.NAME)) {
                if (e.size() > 1 << 20) {
                    throw Refusals.invalid("the manifest is too large");
                }
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                copy(in, e, bytes);
                manifest = Manifest.parse(bytes.toByteArray());
            } else if (Parts.isPartName(e.name())) {
                try (OutputStream out = Files.newOutputStream(work.resolve(e.name()))) {
                    copy(in, e, out);
                }
            } else {
                throw Refusals.invalid("unexpected entry " + e.name());
            }
        }
        if (manifest == null) {
            throw Refusals.invalid("it has no manifest.json (is it a Hearth archive?)");
        }
        return checked(manifest, work);
    }

    private static Tar.@Nullable Entry next(InputStream in) throws IOException {
        try {
            return Tar.next(in);
        } catch (IOException e) {
            throw Refusals.invalid(e.getMessage());
        }
    }

    private static void copy(InputStream in, Tar.Entry e, OutputStream out) throws IOException {
        try {
            Tar.copy(in, e, out);
        } catch (java.io.EOFException eof) {
            throw Refusals.invalid(eof.getMessage());
        }
    }

    /** Every part the manifest names is there, of its size and SHA-256. */
    private static Unpacked checked(Manifest manifest, Path work) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (ExportPart p : manifest.parts()) {
            Path file = work.resolve(p.name());
            if (!Files.exists(file)) {
                throw Refusals.invalid("part " + p.name() + " is missing (the archive is truncated)");
            }
            if (Files.size(file) != p.size()) {
                throw Refusals.invalid("part " + p.name() + " has " + Files.size(file) + " bytes, the manifest says "
                        + p.size() + " (truncated or altered)");
            }
            if (!sha256(file).equals(p.sha256())) {
                throw Refusals.invalid("part " + p.name() + " does not match its SHA-256 in the manifest (altered)");
            }
            checkZip(file, "part " + p.name());
            parts.add(file);
        }
        return new Unpacked(manifest, List.copyOf(parts));
    }

    private static void checkZip(Path file, String what) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.size();
        } catch (IOException e) {
            throw Refusals.invalid(what + " is not a readable zip (truncated?): " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = Parts.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
