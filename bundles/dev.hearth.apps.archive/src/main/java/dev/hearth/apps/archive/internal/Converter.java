package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.TRUNCATED;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNKNOWN_FORMAT;

import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Runs one conversion: read and stage the archive, lay it out, read its manifest, write the jar
 * next to its destination and move it there. Temporary files live in the destination's folder,
 * so the final move is an atomic rename, and they are deleted whatever happens.
 */
public final class Converter {
    private static final int PEEK = 512;

    private Converter() {}

    /** See {@code AppArchives.convert}. */
    public static AppBundle convert(InputStream archive, @Nullable String slug, Limits limits, Path jar)
            throws IOException {
        if (slug != null) {
            AppRules.checkSlug(slug);
        }
        Path folder = jar.toAbsolutePath().getParent();
        if (folder == null) {
            throw new IllegalArgumentException("The jar needs a folder: " + jar);
        }
        Path staged = Files.createTempFile(folder, ".hearth-app-", ".staging");
        Path written = null;
        try (Staging staging = new Staging(staged)) {
            Source source = new Source(archive, limits.maxCompressedBytes());
            Collector collector = new Collector(limits, staging);
            read(source, limits, collector, staging);
            Layout layout = Layout.of(collector);
            AppManifest manifest = AppManifest.read(
                    staging.open(layout.manifest()), layout.manifest().length());
            AppBundle app = AppRules.bundle(layout.type(), manifest, slug, source.sha256(), collector);
            written = Files.createTempFile(folder, ".hearth-app-", ".jar");
            JarWriter.write(written, layout, staging, app, manifest.name());
            Files.move(written, jar, StandardCopyOption.ATOMIC_MOVE);
            return app;
        } finally {
            deleteQuietly(staged);
            if (written != null) {
                deleteQuietly(written);
            }
        }
    }

    /**
     * Reads the whole input into the collector. An I/O error that neither the caller's stream nor
     * the staging file raised came from a decoder, so it is the archive's fault: an early end is a
     * truncation, anything else (a bad gzip header or CRC, invalid deflate data) a corruption.
     */
    private static void read(Source source, Limits limits, Collector collector, Staging staging) throws IOException {
        try {
            Meter meter = new Meter(source, limits);
            BufferedInputStream raw = new BufferedInputStream(source);
            byte[] head = peek(raw);
            if (isGzip(head)) {
                readTar(new BufferedInputStream(meter.wrap(new GZIPInputStream(raw))), limits, collector);
            } else if (isZip(head)) {
                new ZipReader(raw, limits, meter).read(collector);
            } else if (TarHeader.hasMagic(head)) {
                readTar(new BufferedInputStream(meter.wrap(raw)), limits, collector);
            } else {
                throw new ArchiveException(UNKNOWN_FORMAT, "The archive is neither a tar.gz, a tar nor a zip");
            }
            source.drain();
        } catch (ArchiveException e) {
            throw e;
        } catch (IOException e) {
            if (source.failed() || staging.failed()) {
                throw e;
            }
            String detail =
                    Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
            throw e instanceof EOFException
                    ? new ArchiveException(TRUNCATED, "The archive ends early: " + detail)
                    : new ArchiveException(CORRUPT, "The archive is corrupt: " + detail);
        }
    }

    /** Reads a tar, then whatever follows its end marker: padding, and a gzip trailer to check. */
    private static void readTar(BufferedInputStream tar, Limits limits, Collector collector) throws IOException {
        if (!TarHeader.hasMagic(peek(tar))) {
            throw new ArchiveException(UNKNOWN_FORMAT, "The gzip data is not a tar archive");
        }
        new TarReader(tar, limits).read(collector);
        byte[] rest = new byte[8192];
        while (tar.read(rest, 0, rest.length) >= 0) {
            // counted by the meter: trailing zeros can be a bomb too
        }
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        return head;
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file in the destination folder, named as such; nothing better to do
        }
    }
}
