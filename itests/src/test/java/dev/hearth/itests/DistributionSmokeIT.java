package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built distribution runs as its own process, the command-line client creates an
 * instance through the admin API, the instance answers on its own host name, SIGTERM stops the
 * server promptly, and a restart finds the instance again.
 */
class DistributionSmokeIT {
    @TempDir
    Path tmp;

    @Test
    void serveCreateCallStopRestart() throws Exception {
        try (Distribution hearth = new Distribution(tmp.resolve("data"))) {
            hearth.start(Map.of());
            String admin = hearth.adminUrl;
            String data = hearth.data.toString();
            String domain = "alice.localhost:" + hearth.publicPort();
            assertThat(hearth.log()).contains("Generated the admin passphrase");
            assertThat(Files.readString(hearth.data.resolve("admin-passphrase")).trim())
                    .hasSizeGreaterThanOrEqualTo(24);

            Distribution.Result added = hearth.cli(
                    "instances",
                    "add",
                    domain,
                    "--email",
                    "alice@example.com",
                    "--admin-url",
                    admin,
                    "--data-dir",
                    data);
            assertThat(added.exitCode()).as(added.out()).isZero();
            assertThat(added.out())
                    .contains("Instance created: " + domain)
                    .containsPattern("Onboarding URL: http://" + domain + "/\\?registerToken=[0-9a-f]{64}");

            Distribution.Result modified = hearth.cli(
                    "instances",
                    "modify",
                    domain,
                    "--locale",
                    "fr",
                    "--public-name",
                    "Alice",
                    "--admin-url",
                    admin,
                    "--data-dir",
                    data);
            assertThat(modified.exitCode()).as(modified.out()).isZero();
            Distribution.Result shown =
                    hearth.cli("instances", "show", domain, "--admin-url", admin, "--data-dir", data);
            assertThat(shown.out())
                    .contains(
                            "\"locale\" : \"fr\"", "\"public_name\" : \"Alice\"", "\"email\" : \"alice@example.com\"");

            Http.Response status =
                    Http.get(hearth.publicUrl + "/status").host(domain).send();
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().path("status").asText()).isEqualTo("OK");

            Distribution.Result token = hearth.cli(
                    "instances",
                    "token",
                    domain,
                    "--scope",
                    "io.cozy.files io.cozy.todos:GET",
                    "--admin-url",
                    admin,
                    "--data-dir",
                    data);
            assertThat(token.exitCode()).as(token.out()).isZero();
            Http.Response self = Http.get(hearth.publicUrl + "/permissions/self")
                    .host(domain)
                    .bearer(token.out().trim())
                    .send();
            assertThat(self.status()).isEqualTo(200);
            assertThat(self.json()
                            .path("data")
                            .path("attributes")
                            .path("permissions")
                            .findValuesAsText("type"))
                    .containsExactly("io.cozy.files", "io.cozy.todos");

            Distribution.Result wrong =
                    hearth.cli("instances", "ls", "--admin-url", admin, "--admin-passphrase", "nope");
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.out()).contains("Error 403: bad passphrase");
            Distribution.Result duplicate =
                    hearth.cli("instances", "add", domain, "--admin-url", admin, "--data-dir", data);
            assertThat(duplicate.exitCode()).isEqualTo(1);
            assertThat(duplicate.out()).contains("Error 409: Instance already exists");

            Duration stopped = hearth.stop();
            assertThat(stopped).isLessThan(Duration.ofSeconds(5));
            assertThat(hearth.log()).doesNotContain(" ERROR ").doesNotContain("Exception");

            hearth.start(Map.of());
            Distribution.Result ls = hearth.cli("instances", "ls", "--admin-url", hearth.adminUrl, "--data-dir", data);
            assertThat(ls.exitCode()).isZero();
            assertThat(ls.out()).contains("alice.localhost:");
            Distribution.Result rm = hearth.cli(
                    "instances",
                    "rm",
                    "alice.localhost:" + hearth.publicPort(),
                    "--force",
                    "--admin-url",
                    hearth.adminUrl,
                    "--data-dir",
                    data);
            assertThat(rm.out()).as("the port changed with the restart").contains("Error 404: Instance not found");
            assertThat(hearth.cli(
                                    "instances",
                                    "rm",
                                    domain,
                                    "--force",
                                    "--admin-url",
                                    hearth.adminUrl,
                                    "--data-dir",
                                    data)
                            .exitCode())
                    .isZero();
            assertThat(hearth.stop()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theEnvironmentSetsTheAdminPassphrase() throws Exception {
        try (Distribution hearth = new Distribution(tmp.resolve("env"))) {
            hearth.start(Map.of("HEARTH_ADMIN_PASSPHRASE", "correct horse battery staple"));
            assertThat(hearth.data.resolve("admin-passphrase")).doesNotExist();
            assertThat(Http.get(hearth.adminUrl + "/instances/count")
                            .basic("admin", "correct horse battery staple")
                            .send()
                            .json()
                            .path("count")
                            .asInt())
                    .isZero();
            assertThat(Http.get(hearth.adminUrl + "/instances/count")
                            .basic("admin", "admin")
                            .send()
                            .status())
                    .isEqualTo(403);
            hearth.stop();
        }
    }

    @Test
    void aPortInUseIsReportedClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Distribution hearth = new Distribution(tmp.resolve("busy"))) {
            Distribution.Result result = hearth.cli(
                    "serve",
                    "--data-dir",
                    tmp.resolve("busy").toString(),
                    "--http-port",
                    Integer.toString(taken.getLocalPort()),
                    "--admin-port",
                    "0");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
