package dev.hearth.apps.archive;

import static dev.hearth.apps.archive.ArchiveException.Reason.ARCHIVE_TOO_LARGE;
import static dev.hearth.apps.archive.ArchiveException.Reason.COMPRESSION_RATIO;
import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.ENTRY_TOO_LARGE;
import static dev.hearth.apps.archive.ArchiveException.Reason.PATH_TOO_LONG;
import static dev.hearth.apps.archive.ArchiveException.Reason.TOO_MANY_ENTRIES;
import static dev.hearth.apps.archive.ArchiveException.Reason.TRUNCATED;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNCOMPRESSED_TOO_LARGE;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNKNOWN_FORMAT;
import static dev.hearth.apps.archive.Archives.MANIFEST;
import static dev.hearth.apps.archive.Archives.app;
import static dev.hearth.apps.archive.Archives.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
    private static final int MB = 1 << 20;

    @TempDir
    Path folder;

    @Test
    void aHundredThousandTinyEntries() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(app("", "manifest.webapp", MANIFEST).unfinished());
            for (int i = 0; i < 100_000; i++) {
                gzip.write(new TarBuilder().file("f/" + i, "").unfinished());
            }
            gzip.write(new byte[1024]);
        }

        ArchiveException refusal = assertRefused(folder, compressed.toByteArray(), TOO_MANY_ENTRIES);

        assertThat(refusal).hasMessageContaining("10000");
    }

    @Test
    void gzipBomb() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(app("", "manifest.webapp", MANIFEST).unfinished());
            gzip.write(new TarBuilder()
                    .header(TarBuilder.utf8("zeros"), "", '0', 60L * MB, false)
                    .unfinished());
            byte[] zeros = new byte[MB];
            for (int i = 0; i < 60; i++) {
                gzip.write(zeros);
            }
            gzip.write(new byte[1024]);
        }
        assertThat(compressed.size()).isLessThan(MB);

        assertRefused(folder, compressed.toByteArray(), COMPRESSION_RATIO);
    }

    @Test
    void zerosAfterTheEndMarkerCountToo() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(app("", "manifest.webapp", MANIFEST).end());
            gzip.write(new byte[20 * MB]);
        }

        assertRefused(folder, compressed.toByteArray(), COMPRESSION_RATIO);
        assertRefused(
                folder,
                compressed.toByteArray(),
                "hello",
                Limits.defaults().withMaxRatio(100_000).withMaxUncompressedBytes(10 * MB),
                UNCOMPRESSED_TOO_LARGE);
    }

    @Test
    void zipBomb() {
        byte[] archive = new ZipBuilder()
                .add("manifest.webapp", MANIFEST)
                .add(TarBuilder.utf8("zeros.bin"), new byte[50 * MB], true, ZipBuilder.REGULAR)
                .build();

        assertRefused(folder, archive, COMPRESSION_RATIO);
    }

    @Test
    void truncatedAndCorruptGzip() {
        byte[] archive = app("hello/", "manifest.webapp", MANIFEST).tarGz();

        assertRefused(folder, Arrays.copyOf(archive, archive.length / 2), TRUNCATED);
        assertRefused(folder, Arrays.copyOf(archive, archive.length - 4), TRUNCATED);
        assertRefused(folder, Arrays.copyOf(archive, 5), TRUNCATED);
        byte[] badCrc = archive.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertRefused(folder, badCrc, CORRUPT);
        byte[] badData = archive.clone();
        badData[10] = 0x07; // a final deflate block of the reserved type 3
        assertRefused(folder, badData, CORRUPT);
    }

    @Test
    void inputSize() {
        byte[] archive = app("hello/", "manifest.webapp", MANIFEST).tarGz();
        Limits limits = Limits.defaults().withMaxCompressedBytes(archive.length - 1);

        assertRefused(folder, archive, "hello", limits, ARCHIVE_TOO_LARGE);
        byte[] trailing = Arrays.copyOf(archive, archive.length + 10);
        assertRefused(
                folder,
                trailing,
                "hello",
                Limits.defaults().withMaxCompressedBytes(archive.length + 5),
                ARCHIVE_TOO_LARGE);
    }

    @Test
    void realBytesCountWhenNothingIsDeclared() {
        byte[] archive = new ZipBuilder()
                .add("manifest.webapp", MANIFEST)
                .add(TarBuilder.utf8("big.bin"), new byte[2000], false, ZipBuilder.REGULAR)
                .build();

        assertRefused(folder, archive, "hello", Limits.defaults().withMaxEntryBytes(1999), ENTRY_TOO_LARGE);
    }

    @Test
    void entryAndPathLimits() {
        byte[] archive = app("hello/", "manifest.webapp", MANIFEST)
                .file("hello/" + "a".repeat(60), "x")
                .tarGz();

        assertRefused(folder, archive, "hello", Limits.defaults().withMaxPathLength(60), PATH_TOO_LONG);
        assertRefused(folder, archive, "hello", Limits.defaults().withMaxEntries(3), TOO_MANY_ENTRIES);
        assertRefused(
                folder, archive, "hello", Limits.defaults().withMaxEntryBytes(MANIFEST.length() - 1), ENTRY_TOO_LARGE);
    }

    @Test
    void formatsAreToldByTheirBytes() {
        assertRefused(folder, new byte[0], UNKNOWN_FORMAT);
        assertRefused(folder, TarBuilder.utf8("{\"slug\": \"hello\"}"), UNKNOWN_FORMAT);
        assertRefused(folder, TarBuilder.gzip(new byte[4096]), UNKNOWN_FORMAT);
        byte[] v7 = app("", "manifest.webapp", MANIFEST).end();
        Arrays.fill(v7, 257, 263, (byte) 0);
        assertRefused(folder, v7, UNKNOWN_FORMAT);
    }

    @Test
    void limitsArePositive() {
        assertThatThrownBy(() -> Limits.defaults().withMaxRatio(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Limits.defaults().withMaxEntries(5).maxEntries()).isEqualTo(5);
    }
}
