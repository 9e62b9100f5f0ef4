package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code hearth apps} and {@code hearth konnectors} against the built distribution
 * running as its own process (the commands mint their token through the admin API and call the
 * instance's routes on the public endpoint under its host name), and archives dropped into the
 * distribution's {@code load/} folder across restarts.
 */
class DistributionAppsIT {
    @TempDir
    Path tmp;

    private Distribution hearth;

    private Distribution.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--admin-url",
                hearth.adminUrl,
                "--data-dir",
                hearth.data.toString(),
                "--public-url",
                hearth.publicUrl));
        return hearth.cli(all.toArray(String[]::new));
    }

    @Test
    void appsAndKonnectorsAreInstalledListedAndRemovedFromTheCommandLine() throws Exception {
        Path notes = new TarGz()
                .file("notes/manifest.webapp", "{\"slug\":\"notes\",\"version\":\"1.2.0\",\"name\":\"Notes\"}")
                .file("notes/index.html", "<html>notes</html>")
                .writeTo(tmp.resolve("notes.tar.gz"));
        Path bank = new TarGz()
                .file("manifest.konnector", "{\"slug\":\"bank\",\"version\":\"0.3.0\",\"type\":\"konnector\"}")
                .file("index.js", "module.exports = {}")
                .writeTo(tmp.resolve("bank.tgz"));
        try (Distribution server = new Distribution(tmp.resolve("data"))) {
            hearth = server;
            server.start(Map.of());
            String dataDir = server.data.toString();
            String domain = "alice.localhost:" + server.publicPort();
            assertThat(server.cli("instances", "add", domain, "--admin-url", server.adminUrl, "--data-dir", dataDir)
                            .exitCode())
                    .isZero();

            Distribution.Result installed = cli("apps", "install", domain, "notes", notes.toString());
            assertThat(installed.exitCode()).as(installed.out()).isZero();
            assertThat(installed.out()).contains("Installed notes 1.2.0 (ready)");
            Http.Response page =
                    Http.get(server.publicUrl + "/").host("notes." + domain).send();
            assertThat(page.status()).as("the app answers on its host").isEqualTo(302);

            Distribution.Result konnector =
                    cli("konnectors", "install", domain, "bank", bank.toUri().toString());
            assertThat(konnector.exitCode()).as(konnector.out()).isZero();
            assertThat(konnector.out()).contains("Installed bank 0.3.0 (ready)");

            assertThat(cli("apps", "ls", domain).out()).containsPattern("notes +1\\.2\\.0 +ready");
            assertThat(cli("konnectors", "ls", domain).out())
                    .containsPattern("bank +0\\.3\\.0 +ready")
                    .doesNotContain("notes");

            Distribution.Result again = cli("apps", "install", domain, "notes", notes.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.out()).contains("Error 409: Application with same slug already exists");
            Distribution.Result update = cli("apps", "update", domain, "calendar");
            assertThat(update.exitCode()).isEqualTo(1);
            assertThat(update.out())
                    .as("a server without updates says so; one with them has no such app")
                    .containsPattern("Error (405|404): ");

            Distribution.Result removed = cli("apps", "rm", domain, "notes");
            assertThat(removed.exitCode()).as(removed.out()).isZero();
            assertThat(removed.out()).contains("Removed notes");
            Distribution.Result twice = cli("apps", "rm", domain, "notes");
            assertThat(twice.exitCode()).isEqualTo(1);
            assertThat(twice.out()).contains("Error 404: Application is not installed");
            assertThat(cli("apps", "ls", domain).out()).isBlank();

            Distribution.Result unknown = cli("apps", "ls", "nobody.localhost:" + server.publicPort());
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.out()).contains("Error 404: Instance not found");
            server.stop();
            assertThat(server.log()).doesNotContain(" ERROR ");
        }
    }

    @Test
    void archivesInLoadAreAppsAtEachStartWhileTheirFileIsThere() throws Exception {
        try (Distribution server = new Distribution(tmp.resolve("dropins"))) {
            Path kept = server.home.resolve("load").resolve("itest-kept.tar.gz");
            Path deleted = server.home.resolve("load").resolve("itest-deleted.tgz");
            try {
                server.start(Map.of());
                drop(kept, "itest-kept");
                drop(deleted, "itest-deleted");
                awaitTrue(() -> appsPage(server).contains("hearth.app.itest-kept 1.0.0")
                        && appsPage(server).contains("hearth.app.itest-deleted 1.0.0"));
                server.stop();

                Files.delete(deleted);
                server.start(Map.of());
                awaitTrue(() -> appsPage(server).contains("hearth.app.itest-kept 1.0.0"));
                assertThat(appsPage(server)).doesNotContain("itest-deleted");
                assertThat(server.stop()).isLessThan(Duration.ofSeconds(5));
                assertThat(server.log()).doesNotContain(" ERROR ");
            } finally {
                Files.deleteIfExists(kept);
                Files.deleteIfExists(deleted);
            }
        }
    }

    /** Writes an app archive beside {@code target} under a name File Install ignores, then renames it. */
    private static void drop(Path target, String slug) throws Exception {
        Path staged = new TarGz()
                .file("manifest.webapp", "{\"slug\":\"" + slug + "\",\"version\":\"1.0.0\"}")
                .file("index.html", "<html>" + slug + "</html>")
                .writeTo(target.resolveSibling(slug + ".part"));
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The console's Apps page, as the admin sees it. */
    private static String appsPage(Distribution server) throws Exception {
        String passphrase =
                Files.readString(server.data.resolve("admin-passphrase")).trim();
        return Http.get(server.adminUrl + "/system/console/hearth-apps")
                .basic("admin", passphrase)
                .send()
                .body();
    }

    /** Polls {@code condition} for up to 30 s. */
    private static void awaitTrue(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out");
            }
            Thread.sleep(100);
        }
    }
}
