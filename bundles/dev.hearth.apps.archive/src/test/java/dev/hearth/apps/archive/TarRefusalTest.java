package dev.hearth.apps.archive;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.DUPLICATE_ENTRY;
import static dev.hearth.apps.archive.ArchiveException.Reason.ENTRY_TOO_LARGE;
import static dev.hearth.apps.archive.ArchiveException.Reason.LINK;
import static dev.hearth.apps.archive.ArchiveException.Reason.PATH_TOO_LONG;
import static dev.hearth.apps.archive.ArchiveException.Reason.RESERVED_PATH;
import static dev.hearth.apps.archive.ArchiveException.Reason.SPECIAL_FILE;
import static dev.hearth.apps.archive.ArchiveException.Reason.TRUNCATED;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSAFE_PATH;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSUPPORTED_ENTRY;
import static dev.hearth.apps.archive.Archives.MANIFEST;
import static dev.hearth.apps.archive.Archives.app;
import static dev.hearth.apps.archive.Archives.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarRefusalTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../etc/passwd",
                "/abs",
                "/etc/cron.d/x",
                "hello/../../x",
                "hello/./x",
                "hello//x",
                "C:/windows/x",
                "c:x",
                "hello\\..\\x",
                "hello/x\u0001",
                "hello/"
            })
    void namesThatCouldEscapeOrMeanTwoThings(String name) {
        byte[] archive = app("", "manifest.webapp", MANIFEST).file(name, "x").tarGz();

        assertRefused(folder, archive, UNSAFE_PATH);
    }

    @Test
    void nulInAPaxPathAndBytesThatAreNotUtf8() {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .pax(Map.of("path", "index.js\u0000.png"))
                        .file("x", "x")
                        .tarGz(),
                UNSAFE_PATH);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .header(new byte[] {'a', (byte) 0xff, 'b'}, "", '0', 0, false)
                        .tarGz(),
                UNSAFE_PATH);
    }

    @Test
    void pathsFromPaxAndGnuHeadersAreCheckedToo() {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .pax(Map.of("path", "../outside"))
                        .file("inside", "x")
                        .tarGz(),
                UNSAFE_PATH);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .gnuLong('L', "/etc/passwd")
                        .file("inside", "x")
                        .tarGz(),
                UNSAFE_PATH);
    }

    @Test
    void links() {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .entry("passwd", '2', new byte[0])
                        .tarGz(),
                LINK);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .entry("hard", '1', new byte[0])
                        .tarGz(),
                LINK);
        ArchiveException refusal = assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .gnuLong('K', "/etc/" + "x".repeat(200))
                        .entry("long-link", '2', new byte[0])
                        .tarGz(),
                LINK);
        assertThat(refusal).hasMessageContaining("'long-link'");
    }

    @ParameterizedTest
    @ValueSource(chars = {'3', '4', '6'})
    void devicesAndFifos(char type) {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .entry("dev", type, new byte[0])
                        .tarGz(),
                SPECIAL_FILE);
    }

    @ParameterizedTest
    @ValueSource(chars = {'S', 'D', 'M', 'V', 'Z', 'A'})
    void unknownTypes(char type) {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .entry("odd", type, new byte[0])
                        .tarGz(),
                UNSUPPORTED_ENTRY);
    }

    @Test
    void paxSparseFilesAndGlobalPaths() {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .pax(Map.of("GNU.sparse.map", "0,10"))
                        .file("sparse", "x")
                        .tarGz(),
                UNSUPPORTED_ENTRY);
        assertRefused(
                folder,
                new TarBuilder()
                        .paxGlobal(Map.of("path", "everything"))
                        .file("manifest.webapp", MANIFEST)
                        .tarGz(),
                UNSUPPORTED_ENTRY);
    }

    @Test
    void duplicates() {
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST).file("index.html", "again").tarGz(),
                DUPLICATE_ENTRY);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .file("./index.html", "again")
                        .tarGz(),
                DUPLICATE_ENTRY);
        assertRefused(
                folder, app("", "manifest.webapp", MANIFEST).dir("index.html/").tarGz(), DUPLICATE_ENTRY);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST).file("index.html/x", "x").tarGz(),
                DUPLICATE_ENTRY);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .file("js/a", "a")
                        .file("js", "x")
                        .tarGz(),
                DUPLICATE_ENTRY);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST).dir("js/").dir("js").tarGz(),
                DUPLICATE_ENTRY);
    }

    @Test
    void aHugeDeclaredSizeWithFewRealBytes() {
        TarBuilder tar = app("", "manifest.webapp", MANIFEST)
                .header(TarBuilder.utf8("big.bin"), "", '0', 1L << 30, false)
                .raw(new byte[] {1, 2, 3});

        assertRefused(folder, TarBuilder.gzip(tar.unfinished()), ENTRY_TOO_LARGE);
        Limits roomy = Limits.defaults().withMaxEntryBytes(2L << 30).withMaxUncompressedBytes(4L << 30);
        assertRefused(folder, TarBuilder.gzip(tar.unfinished()), "hello", roomy, TRUNCATED);
        assertRefused(folder, tar.unfinished(), "hello", roomy, TRUNCATED);
    }

    @Test
    void sizesBeyondOctalAreReadAsBase256() {
        TarBuilder tar =
                app("", "manifest.webapp", MANIFEST).header(TarBuilder.utf8("big.bin"), "", '0', 1L << 40, false);

        assertThat(assertRefused(folder, tar.tarGz(), ENTRY_TOO_LARGE)).hasMessageContaining("1099511627776");
    }

    @Test
    void truncatedTars() {
        byte[] whole = app("", "manifest.webapp", MANIFEST).end();

        assertRefused(folder, app("", "manifest.webapp", MANIFEST).unfinished(), TRUNCATED);
        assertRefused(folder, Arrays.copyOf(whole, 512 + 100), TRUNCATED);
        assertRefused(folder, Arrays.copyOf(whole, 1024 + 300), TRUNCATED);
    }

    @Test
    void corruptHeaders() {
        byte[] archive = app("", "manifest.webapp", MANIFEST).end();
        archive[10] ^= 1;

        assertRefused(folder, archive, CORRUPT);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST).pax(Map.of("path", "x")).end(),
                CORRUPT);
        byte[] badPax = app("", "manifest.webapp", MANIFEST)
                .entry("PaxHeader/x", 'x', TarBuilder.utf8("99 path=x\n"))
                .file("x", "x")
                .end();
        assertRefused(folder, badPax, CORRUPT);
    }

    @Test
    void longNamesAreBoundedBeforeTheyAreRead() {
        TarBuilder tar =
                app("", "manifest.webapp", MANIFEST).header(TarBuilder.utf8("././@LongLink"), "", 'L', 1L << 30, true);

        assertRefused(folder, tar.tarGz(), PATH_TOO_LONG);
        assertRefused(
                folder,
                app("", "manifest.webapp", MANIFEST)
                        .pax(Map.of("path", "p/".repeat(600) + "x"))
                        .file("x", "x")
                        .tarGz(),
                PATH_TOO_LONG);
    }

    @Test
    void metaInfBelongsToTheJar() {
        assertRefused(
                folder,
                app("hello/", "manifest.webapp", MANIFEST)
                        .file("hello/META-INF/x.SF", "x")
                        .tarGz(),
                RESERVED_PATH);
        assertRefused(
                folder, app("", "manifest.webapp", MANIFEST).dir("meta-inf/").tarGz(), RESERVED_PATH);
    }
}
