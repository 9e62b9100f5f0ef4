package dev.hearth.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppResource;
import dev.hearth.apps.AppType;
import dev.hearth.apps.internal.manifest.ManifestException;
import dev.hearth.apps.internal.manifest.ManifestParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An app's files, read from a folder laid out as a bundle would be. */
class DeployedAppImplTest {
    private static final Instant INSTALLED = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path bundle;

    private final AtomicInteger lookups = new AtomicInteger();
    private AppManifest manifest;

    @BeforeEach
    void layOut() throws IOException, ManifestException {
        write("www/manifest.webapp", "{\"slug\":\"notes\",\"version\":\"1.0.0\"}");
        write("www/index.html", "<html>notes</html>");
        write("www/js/app.js", "console.log('notes')");
        write("www/js/copy.js", "console.log('notes')");
        write("www/META-INF/own.txt", "the app's own");
        write("secret.txt", "outside the app");
        write("META-INF/MANIFEST.MF", "Bundle-SymbolicName: x");
        write("OSGI-INF/component.xml", "<scr/>");
        manifest = ManifestParser.parse(Files.readAllBytes(bundle.resolve("www/manifest.webapp")), AppType.WEBAPP);
    }

    private void write(String name, String content) throws IOException {
        Path file = bundle.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Entries as {@code Bundle.getEntry} gives them: folders too, with or without a slash. */
    private DeployedAppImpl app(String folder) {
        return new DeployedAppImpl(
                7,
                manifest,
                folder,
                name -> {
                    lookups.incrementAndGet();
                    Path path = bundle.resolve(name);
                    try {
                        boolean found = name.endsWith("/") ? Files.isDirectory(path) : Files.exists(path);
                        return found ? path.toUri().toURL() : null;
                    } catch (MalformedURLException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                INSTALLED);
    }

    private static String read(AppResource resource) throws IOException {
        try (InputStream in = resource.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void filesAreReadFromTheAppFolderWithTheirMetadata() throws IOException {
        DeployedAppImpl app = app("www/");
        assertThat(app.bundleId()).isEqualTo(7);
        assertThat(app.manifest().slug()).isEqualTo("notes");
        AppResource index = app.resource("/index.html").orElseThrow();
        assertThat(read(index)).isEqualTo("<html>notes</html>");
        assertThat(index.path()).isEqualTo("index.html");
        assertThat(index.size()).isEqualTo(18);
        assertThat(index.lastModified()).isEqualTo(INSTALLED);
        assertThat(index.contentType()).isEqualTo("text/html;charset=utf-8");
        assertThat(index.etag()).matches("\"[0-9a-f]{32}\"");

        AppResource script = app.resource("js//./app.js").orElseThrow();
        assertThat(script.path()).isEqualTo("js/app.js");
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(read(script)).isEqualTo("console.log('notes')");
        assertThat(app.resource("js/lib/../app.js").orElseThrow().path()).isEqualTo("js/app.js");
    }

    @Test
    void theEtagIsStrongAndFollowsTheContent() {
        DeployedAppImpl app = app("www/");
        String script = app.resource("js/app.js").orElseThrow().etag();
        assertThat(app.resource("js/copy.js").orElseThrow().etag())
                .as("same bytes, same tag")
                .isEqualTo(script);
        assertThat(app.resource("index.html").orElseThrow().etag()).isNotEqualTo(script);
        assertThat(script).doesNotStartWith("W/");
    }

    @Test
    void aFileIsDigestedOnceThenServedFromWhatWasLearnt() {
        DeployedAppImpl app = app("www/");
        AppResource first = app.resource("js/app.js").orElseThrow();
        int before = lookups.get();
        AppResource again = app.resource("js/app.js").orElseThrow();
        assertThat(again.etag()).isEqualTo(first.etag());
        assertThat(again.size()).isEqualTo(first.size());
        assertThat(lookups.get() - before)
                .as("a file found is not looked up in the bundle again")
                .isZero();
        assertThat(app.resource("js/missing.js")).isEmpty();
        assertThat(app.resource("js/missing.js"))
                .as("absent files are not remembered")
                .isEmpty();
        assertThat(lookups.get() - before).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../secret.txt",
                "/../secret.txt",
                "js/../../secret.txt",
                "..\\secret.txt",
                "%2e%2e/secret.txt",
                "missing.html",
                "",
                "/",
                "js",
                "js/",
                "index.html\u0000.js"
            })
    void nothingOutsideTheAppNorAnyFolderIsAResource(String path) {
        assertThat(app("www/").resource(path)).as(path).isEmpty();
    }

    @Test
    void anAppAtTheBundleRootDoesNotServeTheBundleFormatFolders() throws IOException {
        DeployedAppImpl root = app("");
        assertThat(root.resource("META-INF/MANIFEST.MF")).isEmpty();
        assertThat(root.resource("/OSGI-INF/component.xml")).isEmpty();
        assertThat(root.resource("www/../META-INF/MANIFEST.MF")).isEmpty();
        assertThat(read(root.resource("secret.txt").orElseThrow())).isEqualTo("outside the app");
        assertThat(read(app("www/").resource("META-INF/own.txt").orElseThrow()))
                .as("an app in a folder has its own META-INF")
                .isEqualTo("the app's own");
    }
}
