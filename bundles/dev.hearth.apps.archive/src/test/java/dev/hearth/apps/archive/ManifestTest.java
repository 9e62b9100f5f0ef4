package dev.hearth.apps.archive;

import static dev.hearth.apps.archive.ArchiveException.Reason.INVALID_MANIFEST;
import static dev.hearth.apps.archive.ArchiveException.Reason.INVALID_SLUG;
import static dev.hearth.apps.archive.ArchiveException.Reason.MULTIPLE_MANIFESTS;
import static dev.hearth.apps.archive.ArchiveException.Reason.NO_MANIFEST;
import static dev.hearth.apps.archive.ArchiveException.Reason.SLUG_MISMATCH;
import static dev.hearth.apps.archive.ArchiveException.Reason.TYPE_MISMATCH;
import static dev.hearth.apps.archive.Archives.MANIFEST;
import static dev.hearth.apps.archive.Archives.app;
import static dev.hearth.apps.archive.Archives.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestTest {
    @TempDir
    Path folder;

    @Test
    void theManifestIsAtTheRootOrUnderTheOnlyTopFolder() {
        assertRefused(folder, new TarBuilder().file("index.html", "x").tarGz(), NO_MANIFEST);
        assertRefused(folder, app("a/b/", "manifest.webapp", MANIFEST).tarGz(), NO_MANIFEST);
        assertRefused(
                folder,
                app("a/", "manifest.webapp", MANIFEST).file("b/x.js", "x").tarGz(),
                NO_MANIFEST);
        assertRefused(folder, app("a/", "manifest.webapp", MANIFEST).dir("b/").tarGz(), NO_MANIFEST);
        assertRefused(
                folder,
                app("a/", "manifest.webapp", MANIFEST).file("top.js", "x").tarGz(),
                NO_MANIFEST);
    }

    @Test
    void twoManifests() {
        assertRefused(
                folder,
                app("hello/", "manifest.webapp", MANIFEST)
                        .file("hello/manifest.konnector", "{}")
                        .tarGz(),
                MULTIPLE_MANIFESTS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"slug\": \"hello\", \"version\": \"1.0.0\"",
                "[]",
                "\"hello\"",
                "{\"slug\": \"hello\", \"version\": \"1.0.0\"} {}",
                "{\"slug\": \"hello\", \"slug\": \"other\", \"version\": \"1.0.0\"}",
                "{\"slug\": \"hello\", \"version\": 1}",
                "{\"slug\": [\"hello\"], \"version\": \"1.0.0\"}",
                "{\"slug\": \"hello\"}",
                "{\"slug\": \"hello\", \"version\": \" \"}",
                "{\"slug\": \"hello\", \"version\": \"1.0\\n0\"}",
                "",
            })
    void invalidManifests(String manifest) {
        assertRefused(folder, app("", "manifest.webapp", manifest).tarGz(), INVALID_MANIFEST);
    }

    @Test
    void aManifestOverTwoMegabytes() {
        String big = "{\"slug\": \"hello\", \"version\": \"1.0.0\", \"pad\": \"" + "x".repeat(2 << 20) + "\"}";

        assertRefused(folder, app("", "manifest.webapp", big).end(), INVALID_MANIFEST);
    }

    @Test
    void slugs() {
        byte[] archive = app("", "manifest.webapp", MANIFEST).tarGz();

        assertRefused(folder, archive, "other", Limits.defaults(), SLUG_MISMATCH);
        assertRefused(folder, archive, "Hello", Limits.defaults(), INVALID_SLUG);
        assertRefused(folder, archive, "../hello", Limits.defaults(), INVALID_SLUG);
        assertRefused(folder, archive, "a".repeat(64), Limits.defaults(), INVALID_SLUG);
        byte[] noSlug = app("", "manifest.webapp", "{\"version\": \"1.0.0\"}").tarGz();
        assertRefused(folder, noSlug, null, Limits.defaults(), INVALID_SLUG);
        byte[] badSlug = app("", "manifest.webapp", "{\"slug\": \"Hello World\", \"version\": \"1.0.0\"}")
                .tarGz();
        assertRefused(folder, badSlug, null, Limits.defaults(), INVALID_SLUG);
    }

    @Test
    void theAskedSlugStandsInForAMissingOne() throws Exception {
        byte[] noSlug = app("", "manifest.webapp", "{\"version\": \"1.0.0\"}").tarGz();

        AppBundle app = Archives.convert(noSlug, "hello", folder.resolve("hello.jar"));

        assertThat(app.symbolicName()).isEqualTo("hearth.app.hello");
    }

    @Test
    void aTypeThatContradictsTheFileName() {
        String konnector = "{\"slug\": \"hello\", \"version\": \"1.0.0\", \"type\": \"konnector\"}";
        String webapp = "{\"slug\": \"hello\", \"version\": \"1.0.0\", \"type\": \"webapp\"}";

        assertRefused(folder, app("", "manifest.webapp", konnector).tarGz(), TYPE_MISMATCH);
        assertRefused(folder, app("", "manifest.konnector", webapp).tarGz(), TYPE_MISMATCH);
        assertRefused(
                folder,
                app("", "manifest.konnector", webapp.replace("webapp", "node")).tarGz(),
                TYPE_MISMATCH);
    }
}
