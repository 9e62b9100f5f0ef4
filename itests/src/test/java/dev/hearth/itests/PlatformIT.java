package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** The distribution's bundle set in a real Felix: bundles, status, version, console access. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void everyBundleIsActive() {
        publicUrl();
        adminUrl();
        List<Bundle> bundles = Arrays.asList(context.getBundles());
        assertThat(bundles)
                .extracting(Bundle::getSymbolicName)
                .contains(
                        "dev.hearth.common",
                        "dev.hearth.instances",
                        "dev.hearth.auth",
                        "dev.hearth.web",
                        "dev.hearth.client",
                        "dev.hearth.client.local",
                        "dev.hearth.datasystem.http",
                        "dev.hearth.files",
                        "dev.hearth.files.http",
                        "dev.hearth.auth.http",
                        "dev.hearth.realtime.http",
                        "dev.hearth.instances.http",
                        "dev.hearth.apps",
                        "dev.hearth.apps.archive",
                        "dev.hearth.apps.http",
                        "dev.hearth.jobs",
                        "dev.hearth.jobs.http",
                        "dev.hearth.konnectors",
                        "dev.hearth.konnectors.http",
                        "dev.hearth.sendmail",
                        "dev.hearth.jobs.files",
                        "dev.hearth.move",
                        "dev.hearth.move.http",
                        "org.eclipse.angus.mail",
                        "dev.hearth.console",
                        "org.apache.felix.http.jetty12",
                        "org.apache.felix.webconsole",
                        "org.apache.felix.scr");
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                assertThat(b.getState()).as(b.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
            }
        }
    }

    @Test
    public void aBundleDroppedInTheLoadFolderIsInstalledAndRemovedWithIt() throws Exception {
        Path jar = Path.of(context.getProperty("hearth.load.dir"), "hot-deploy-test.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "test.hotdeploy");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        Path tmp = jar.resolveSibling("hot-deploy-test.tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest)) {
            out.flush();
        }
        Files.move(tmp, jar);
        Bundle deployed = await(() -> Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("test.hotdeploy") && b.getState() == Bundle.ACTIVE)
                .findFirst()
                .orElse(null));
        assertThat(deployed.getVersion().toString()).isEqualTo("1.0.0");
        Files.delete(jar);
        await(() -> Arrays.stream(context.getBundles())
                        .noneMatch(b -> b.getSymbolicName().equals("test.hotdeploy"))
                ? Boolean.TRUE
                : null);
    }

    @Test
    public void statusAnswersOnAnyHost() {
        Http.Response status =
                Http.get(publicUrl() + "/status").host("whatever.example").send();
        assertThat(status.status()).isEqualTo(200);
        JsonNode body = status.json();
        assertThat(body.path("status").asText()).isEqualTo("OK");
        assertThat(body.path("message").asText()).isEqualTo("OK");
        assertThat(body.path("fs").asText()).isEqualTo("healthy");
        assertThat(body.path("latency").has("fs")).isTrue();
        assertThat(Http.get(publicUrl() + "/status/").send().status()).isEqualTo(200);
        Http.Response head = Http.method("HEAD", publicUrl() + "/status").send();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    public void versionIsPublicAndBehindThePassphraseOnAdmin() {
        JsonNode version = Http.get(publicUrl() + "/version").send().json();
        assertThat(version.path("version").asText()).startsWith("0.1.0");
        assertThat(version.path("runtime_version").asText()).startsWith("java25");
        assertThat(version.has("build_time")).isTrue();
        assertThat(Http.get(adminUrl() + "/version").send().status()).isEqualTo(401);
        assertThat(Http.get(adminUrl() + "/version")
                        .basic("x", adminPassphrase())
                        .send()
                        .json()
                        .path("build_mode")
                        .asText())
                .isEqualTo("production");
    }

    @Test
    public void theConsoleNeedsUserAdminAndTheAdminPassphrase() {
        String console = adminUrl() + "/system/console/bundles";
        await(() -> Http.get(console).send().status() == 401 ? Boolean.TRUE : null);
        Http.Response anonymous = Http.get(console).send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(Http.get(console).basic("admin", "admin").send().status()).isEqualTo(401);
        assertThat(Http.get(console).basic("root", adminPassphrase()).send().status())
                .isEqualTo(401);
        Http.Response admin =
                Http.get(console).basic("admin", adminPassphrase()).send();
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("Hearth");
    }

    @Test
    public void theConsoleIsNotServedOnThePublicEndpoint() {
        for (String host : new String[] {"127.0.0.1", "alice.localhost:" + publicPort()}) {
            Http.Response r = Http.get(publicUrl() + "/system/console/bundles")
                    .host(host)
                    .basic("admin", adminPassphrase())
                    .json()
                    .send();
            assertThat(r.status()).as(host).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Bundle information");
        }
    }

    @Test
    public void theInstancesPageCreatesAndDeletesInstancesWithAFormToken() {
        String page = adminUrl() + "/system/console/hearth-instances";
        String passphrase = adminPassphrase();
        await(() -> Http.get(page).basic("admin", passphrase).send().status() == 200 ? Boolean.TRUE : null);
        String html = Http.get(page).basic("admin", passphrase).send().body();
        String token = html.replaceAll("(?s).*name='token' value='([0-9a-f]+)'.*", "$1");
        assertThat(token).matches("[0-9a-f]{64}");

        Http.Response forged = Http.post(page)
                .basic("admin", passphrase)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("action=create&domain=forged.localhost&token=00")
                .send();
        assertThat(forged.status()).isEqualTo(403);

        Http.Response created = Http.post(page)
                .basic("admin", passphrase)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("action=create&domain=console.localhost&locale=fr&token=" + token)
                .send();
        assertThat(created.status()).isEqualTo(302);
        assertThat(Http.get(page).basic("admin", passphrase).send().body())
                .contains("console.localhost")
                .doesNotContain("forged.localhost");

        Http.post(page)
                .basic("admin", passphrase)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("action=delete&domain=console.localhost&token=" + token)
                .send();
        assertThat(Http.get(adminUrl() + "/instances/console.localhost")
                        .basic("a", passphrase)
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
