package dev.hearth.apps.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppHeaders;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives dropped into load/ become app bundles in their own folder, or are refused quietly. */
class ArchiveDropInsTest {
    private static final ArchiveDropIns.Installed NONE = (symbolicName, version, location) -> false;

    @TempDir
    Path load;

    @TempDir
    Path data;

    private Path zip(String name, String manifestName, String manifest) throws IOException {
        Path file = load.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("app/" + manifestName));
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("app/index.html"));
            out.write("<html></html>".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void anArchiveBecomesAnAppBundleAndARefusedOneNothing() throws Exception {
        ArchiveDropIns dropIns = new ArchiveDropIns(data.resolve(ArchiveDropIns.FOLDER), NONE);
        Path bank = zip("bank.zip", "manifest.konnector", "{\"slug\":\"bank\",\"version\":\"2.0.0-beta.1\"}");
        assertThat(dropIns.canHandle(bank.toFile())).isTrue();

        URL location = dropIns.transform(bank.toUri().toURL());

        Path jar = data.resolve("dropped-apps/bank.zip.jar");
        assertThat(location).isEqualTo(jar.toUri().toURL());
        try (JarFile bundle = new JarFile(jar.toFile())) {
            Attributes headers = bundle.getManifest().getMainAttributes();
            assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("hearth.konnector.bank");
            assertThat(headers.getValue("Bundle-Version")).isEqualTo("2.0.0.beta_1");
            assertThat(headers.getValue(AppHeaders.APP)).isEqualTo("manifest.konnector");
        }

        Path bad = zip("bad.zip", "manifest.webapp", "{\"slug\":\"Bad Slug\",\"version\":\"1\"}");
        assertThat(dropIns.transform(bad.toUri().toURL())).isNull();
        Path notAnArchive = Files.writeString(load.resolve("notes.tgz"), "not gzip");
        assertThat(dropIns.transform(notAnArchive.toUri().toURL())).isNull();
        assertThat(data.resolve("dropped-apps")).isDirectoryContaining("glob:**/bank.zip.jar");
        try (var files = Files.list(data.resolve("dropped-apps"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void anAppVersionInstalledFromElsewhereIsLeftToItsOwner() throws Exception {
        Path notes = zip("notes.zip", "manifest.webapp", "{\"slug\":\"notes\",\"version\":\"1.0.0\"}");
        List<String> asked = new ArrayList<>();
        ArchiveDropIns dropIns = new ArchiveDropIns(data.resolve(ArchiveDropIns.FOLDER), (name, version, location) -> {
            asked.add(name + " " + version + " " + location);
            return name.equals("hearth.app.notes");
        });

        assertThat(dropIns.transform(notes.toUri().toURL())).isNull();
        assertThat(asked)
                .containsExactly("hearth.app.notes 1.0.0 "
                        + data.resolve("dropped-apps/notes.zip.jar").toUri().toURL());
        assertThat(data.resolve(ArchiveDropIns.FOLDER)).isEmptyDirectory();
    }

    @Test
    void theJarsOfAnEarlierRunAreDeletedAtStart() throws IOException {
        Path folder = Files.createDirectories(data.resolve(ArchiveDropIns.FOLDER));
        Files.writeString(folder.resolve("old.tar.gz.jar"), "stale");
        new ArchiveDropIns(folder, NONE);
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void onlyArchivesAreTaken() {
        assertThat(ArchiveDropIns.isArchive("notes-1.0.0.tar.gz")).isTrue();
        assertThat(ArchiveDropIns.isArchive("notes.TGZ")).isTrue();
        assertThat(ArchiveDropIns.isArchive("notes.tar")).isTrue();
        assertThat(ArchiveDropIns.isArchive("bank.zip")).isTrue();
        assertThat(ArchiveDropIns.isArchive("notes.jar")).isFalse();
        assertThat(ArchiveDropIns.isArchive("dev.hearth.auth.throttle.cfg")).isFalse();
        assertThat(ArchiveDropIns.isArchive("notes.tar.gz.part")).isFalse();
        assertThat(ArchiveDropIns.isArchive(".zip")).isFalse();
        assertThat(new ArchiveDropIns(data.resolve("x"), NONE)
                        .canHandle(load.resolve("absent.zip").toFile()))
                .isFalse();
    }
}
