package dev.hearth.apps.archive;

import static dev.hearth.apps.archive.Archives.MANIFEST;
import static dev.hearth.apps.archive.Archives.convert;
import static dev.hearth.apps.archive.Archives.list;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppArchivesTest {
    private static final String EXTENDER =
            "osgi.extender;filter:=\"(&(osgi.extender=dev.hearth.apps)(version>=1.0)(!(version>=2.0)))\"";

    @TempDir
    Path folder;

    @Test
    void tarGzWithATopFolderBecomesABundleOfTheAppAlone() throws Exception {
        byte[] archive = new TarBuilder()
                .dir("hello-1.0.0/")
                .file("hello-1.0.0/manifest.webapp", MANIFEST)
                .file("hello-1.0.0/index.html", "<p>hello</p>")
                .dir("hello-1.0.0/img/")
                .file("hello-1.0.0/js/app.js", "console.log(1)")
                .tarGz();
        Path jar = folder.resolve("hello.jar");

        AppBundle app = convert(archive, "hello", jar);

        assertThat(app)
                .isEqualTo(new AppBundle(
                        "hello", AppType.WEBAPP, "1.0.0", "1.0.0", sha256(archive), 5, MANIFEST.length() + 12 + 14));
        assertThat(app.symbolicName()).isEqualTo("hearth.app.hello");
        assertThat(entries(jar))
                .containsExactly(
                        "META-INF/",
                        "META-INF/MANIFEST.MF",
                        "img/",
                        "index.html",
                        "js/",
                        "js/app.js",
                        "manifest.webapp");
        assertThat(content(jar, "manifest.webapp")).isEqualTo(MANIFEST);
        assertThat(content(jar, "js/app.js")).isEqualTo("console.log(1)");
        assertThat(headers(jar))
                .containsExactly(
                        entry("Manifest-Version", "1.0"),
                        entry("Bundle-ManifestVersion", "2"),
                        entry("Bundle-SymbolicName", "hearth.app.hello"),
                        entry("Bundle-Version", "1.0.0"),
                        entry("Bundle-Name", "Hello"),
                        entry("Hearth-App", "manifest.webapp"),
                        entry("Hearth-App-Version", "1.0.0"),
                        entry("Hearth-App-Sha256", sha256(archive)),
                        entry("Require-Capability", EXTENDER));
        assertThat(list(folder)).containsExactly("hello.jar");
    }

    @Test
    void zipOfAKonnectorTakesTheManifestSlug() throws Exception {
        String manifest = """
                {"slug": "bank-x", "type": "konnector", "version": "2.1.0-beta.3", "name": "Bank\\nX"}""";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.js"));
            zip.write("module.exports = 1".getBytes(UTF_8));
            zip.putNextEntry(new ZipEntry("manifest.konnector"));
            zip.write(manifest.getBytes(UTF_8));
            zip.putNextEntry(new ZipEntry("assets/"));
            zip.putNextEntry(new ZipEntry("assets/icon.svg"));
            zip.write("<svg/>".getBytes(UTF_8));
        }
        byte[] archive = bytes.toByteArray();
        Path jar = folder.resolve("bank.jar");

        AppBundle app = AppArchives.convert(new ByteArrayInputStream(archive), null, Limits.defaults(), jar);

        assertThat(app.slug()).isEqualTo("bank-x");
        assertThat(app.type()).isEqualTo(AppType.KONNECTOR);
        assertThat(app.bundleVersion()).isEqualTo("2.1.0.beta_3");
        assertThat(app.entries()).isEqualTo(4);
        assertThat(entries(jar))
                .containsExactly(
                        "META-INF/",
                        "META-INF/MANIFEST.MF",
                        "assets/",
                        "assets/icon.svg",
                        "index.js",
                        "manifest.konnector");
        assertThat(headers(jar))
                .containsExactly(
                        entry("Manifest-Version", "1.0"),
                        entry("Bundle-ManifestVersion", "2"),
                        entry("Bundle-SymbolicName", "hearth.konnector.bank-x"),
                        entry("Bundle-Version", "2.1.0.beta_3"),
                        entry("Bundle-Name", "Bank X"),
                        entry("Hearth-App", "manifest.konnector"),
                        entry("Hearth-App-Version", "2.1.0-beta.3"),
                        entry("Hearth-App-Sha256", sha256(archive)),
                        entry("Require-Capability", EXTENDER));
    }

    @Test
    void theSameArchiveGivesTheSameBytes() throws Exception {
        byte[] archive = Archives.app("hello/", "manifest.webapp", MANIFEST)
                .file("hello/b.js", "b")
                .file("hello/a.js", "a")
                .tarGz();
        Path first = folder.resolve("first.jar");
        Path second = folder.resolve("second.jar");

        convert(archive, "hello", first);
        Thread.sleep(1100);
        convert(archive, "hello", second);

        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        try (ZipFile zip = new ZipFile(first.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getTime).distinct()).hasSize(1);
            assertThat(zip.stream().map(ZipEntry::getExtra)).containsOnlyNulls();
        }
    }

    @Test
    void plainTarWithDotSlashNamesAndLongNames() throws Exception {
        String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/";
        byte[] archive = new TarBuilder()
                .dir("./")
                .file("./manifest.webapp", MANIFEST)
                .ustar("./" + deep.substring(0, deep.length() - 1), "ustar.js", "u")
                .pax(Map.of("path", deep + "pax-" + "p".repeat(200) + ".js", "mtime", "1.5"))
                .file("ignored-ustar-name", "p")
                .gnuLong('L', deep + "gnu-" + "g".repeat(200) + ".js")
                .file("ignored-gnu-name", "g")
                .end();
        Path jar = folder.resolve("long.jar");

        AppBundle app = convert(archive, "hello", jar);

        assertThat(app.entries()).isEqualTo(5);
        assertThat(entries(jar))
                .containsExactly(
                        "META-INF/",
                        "META-INF/MANIFEST.MF",
                        deep.substring(0, 61),
                        deep,
                        deep + "gnu-" + "g".repeat(200) + ".js",
                        deep + "pax-" + "p".repeat(200) + ".js",
                        deep + "ustar.js",
                        "manifest.webapp");
        assertThat(content(jar, deep + "gnu-" + "g".repeat(200) + ".js")).isEqualTo("g");
    }

    @Test
    void gitArchiveGlobalHeaderIsAccepted() throws Exception {
        TarBuilder tar = new TarBuilder().paxGlobal(Map.of("comment", "0123456789abcdef"));
        tar.dir("hello/").file("hello/manifest.webapp", MANIFEST);
        Path jar = folder.resolve("git.jar");

        convert(tar.tarGz(), "hello", jar);

        assertThat(entries(jar)).containsExactly("META-INF/", "META-INF/MANIFEST.MF", "manifest.webapp");
    }

    @Test
    void anExistingJarIsReplaced() throws Exception {
        Path jar = folder.resolve("hello.jar");
        Files.writeString(jar, "old");

        convert(Archives.app("", "manifest.webapp", MANIFEST).tarGz(), "hello", jar);

        assertThat(entries(jar)).contains("index.html", "manifest.webapp");
        assertThat(list(folder)).containsExactly("hello.jar");
    }

    @Test
    void aFailingInputStreamIsAnIoErrorNotARefusal() {
        byte[] archive = Archives.app("hello/", "manifest.webapp", MANIFEST).tarGz();
        InputStream failing =
                new SequenceInputStream(new ByteArrayInputStream(archive, 0, archive.length / 2), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });
        Path jar = folder.resolve("hello.jar");

        assertThatThrownBy(() -> AppArchives.convert(failing, "hello", Limits.defaults(), jar))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("connection reset");
        assertThat(list(folder)).isEmpty();
    }

    static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(entry -> names.add(entry.getName()));
        }
        return names;
    }

    static String content(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), UTF_8);
        }
    }

    /** The main manifest headers in file order, read as a framework reads them. */
    static Map<String, String> headers(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            assertThat(in.getManifest()).as("the manifest leads the jar").isNotNull();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String text = content(jar, "META-INF/MANIFEST.MF").replace("\r\n ", "");
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(": ");
            headers.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return headers;
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
