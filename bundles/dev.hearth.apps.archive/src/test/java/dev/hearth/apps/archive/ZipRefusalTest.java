package dev.hearth.apps.archive;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.DUPLICATE_ENTRY;
import static dev.hearth.apps.archive.ArchiveException.Reason.LINK;
import static dev.hearth.apps.archive.ArchiveException.Reason.SPECIAL_FILE;
import static dev.hearth.apps.archive.ArchiveException.Reason.TRUNCATED;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSAFE_PATH;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSUPPORTED_ENTRY;
import static dev.hearth.apps.archive.Archives.MANIFEST;
import static dev.hearth.apps.archive.Archives.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipRefusalTest {
    @TempDir
    Path folder;

    private static ZipBuilder app() {
        return new ZipBuilder().add("manifest.webapp", MANIFEST).add("index.html", "<p>");
    }

    @Test
    void theBuilderMakesZipsThatAreAccepted() throws Exception {
        Path jar = folder.resolve("ok.jar");

        Archives.convert(
                app().add(TarBuilder.utf8("a/b.js"), TarBuilder.utf8("b"), false, ZipBuilder.REGULAR)
                        .build(),
                "hello",
                jar);

        assertThat(AppArchivesTest.entries(jar))
                .containsExactly("META-INF/", "META-INF/MANIFEST.MF", "a/", "a/b.js", "index.html", "manifest.webapp");
    }

    @Test
    void backslashesAndTraversal() {
        assertRefused(folder, app().add("..\\..\\evil.js", "x").build(), UNSAFE_PATH);
        assertRefused(folder, app().add("../evil.js", "x").build(), UNSAFE_PATH);
        assertRefused(folder, app().add("/evil.js", "x").build(), UNSAFE_PATH);
        assertRefused(folder, app().add("D:\\evil.js", "x").build(), UNSAFE_PATH);
        assertRefused(
                folder,
                app().add(new byte[] {'a', (byte) 0xc3}, new byte[0], false, ZipBuilder.REGULAR)
                        .build(),
                UNSAFE_PATH);
        assertRefused(folder, app().add("a\u0000.js", "x").build(), UNSAFE_PATH);
    }

    @Test
    void duplicateNames() {
        assertRefused(folder, app().add("index.html", "again").build(), DUPLICATE_ENTRY);
        assertRefused(folder, app().add("./manifest.webapp", "{}").build(), DUPLICATE_ENTRY);
    }

    @Test
    void modesFromTheCentralDirectory() {
        assertRefused(
                folder,
                app().add(TarBuilder.utf8("link"), TarBuilder.utf8("/etc/passwd"), false, ZipBuilder.SYMLINK)
                        .build(),
                LINK);
        assertRefused(
                folder,
                app().add(TarBuilder.utf8("fifo"), new byte[0], false, ZipBuilder.FIFO)
                        .build(),
                SPECIAL_FILE);
    }

    @Test
    void headersThatDisagree() {
        assertRefused(folder, app().add("a.js", "a").wrongCrc().build(), CORRUPT);
        assertRefused(folder, app().add("a.js", "a").centralName("b.js").build(), CORRUPT);
        assertRefused(folder, app().add("a.js", "a").omitFromCentral(1).build(), CORRUPT);
    }

    @Test
    void unsupportedEntries() {
        assertRefused(folder, app().add("secret.js", "x").flags(1).build(), UNSUPPORTED_ENTRY);
        assertRefused(
                folder,
                app().add(TarBuilder.utf8("x.bz2"), TarBuilder.utf8("x"), false, ZipBuilder.REGULAR)
                        .method(12)
                        .build(),
                UNSUPPORTED_ENTRY);
    }

    @Test
    void truncatedZips() {
        byte[] archive = app().add("a.js", "a".repeat(1000)).build();

        for (int length : new int[] {10, 40, 200, archive.length - 30, archive.length - 1}) {
            assertRefused(folder, Arrays.copyOf(archive, length), TRUNCATED);
        }
    }
}
