package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Where apps come from: the registries configured for each context (a folder for offline use, a
 * cozy-apps-registry server, Hearth's own), and archive URLs, downloaded within bounds of size
 * and time and checked against their SHA-256, nothing left behind when refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistrySourcesIT extends RegistrySupport {
    private static final String NOTES = "{\"notes\":{\"type\":\"io.cozy.notes\"}}";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void eachContextReadsItsRegistriesInOrder() throws Exception {
        try (LoopbackServer files = new LoopbackServer();
                LoopbackServer remote = new LoopbackServer()) {
            published(files, editor("offline"), "pad", "1.0.0", tarball("pad", "1.0.0", "offline", NOTES));
            Path folder = copy(Path.of(context.getProperty("hearth.data.dir"), "registry"));
            byte[] far = tarball("far", "3.0.0", "remote", NOTES);
            String url = remote.serve("/registry/far/3.0.0/tarball/far.tar.gz", "application/gzip", far);
            String version = "{\"slug\":\"far\",\"type\":\"webapp\",\"editor\":\"remote\",\"version\":\"3.0.0\","
                    + "\"manifest\":{\"slug\":\"far\",\"version\":\"3.0.0\"},\"url\":\"" + url + "\",\"size\":\""
                    + far.length + "\",\"sha256\":\"" + sha256(far) + "\",\"tar_prefix\":\"\"}";
            remote.json("/registry/far/stable/latest", version);
            remote.json(
                    "/registry",
                    "{\"data\":[{\"slug\":\"far\",\"type\":\"webapp\",\"editor\":\"remote\"}],\"meta\":{\"count\":1}}");

            String erin = createInstance("erin", "&ContextName=offline");
            String frank = createInstance("frank");
            String erinCli = cliToken(erin, "io.cozy.apps");
            String frankCli = cliToken(frank, "io.cozy.apps");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(
                    "registries",
                    new String[] {"offline=" + folder.toUri(), "offline=" + remote.url("/"), "default=hearth:"});
            configure(erin, erinCli, properties);

            Http.Response fromFolder = apps("POST", "/apps/pad", erin, erinCli);
            assertThat(fromFolder.status()).as(fromFolder.body()).isEqualTo(202);
            assertThat(fromFolder
                            .json()
                            .path("data")
                            .path("attributes")
                            .path("source")
                            .asText())
                    .isEqualTo("registry://pad/stable");
            Http.Response fromServer = apps("POST", "/apps/far?Source=registry://far", erin, erinCli);
            assertThat(fromServer.status()).as(fromServer.body()).isEqualTo(202);
            assertThat(fromServer
                            .json()
                            .path("data")
                            .path("attributes")
                            .path("version")
                            .asText())
                    .isEqualTo("3.0.0");
            assertThat(apps("POST", "/apps/far?Source=registry://far", frank, frankCli)
                            .status())
                    .as("not in the default context's registries")
                    .isEqualTo(404);
            Http.Response list =
                    call("GET", publicUrl() + "/registry", erin, adminToken(erin, "Audience=app&Subject=store"));
            assertThat(slugs(list)).containsExactly("far", "pad");
        } finally {
            configure(createInstance("erin"), cliToken(createInstance("erin"), "io.cozy.apps"), new Hashtable<>());
        }
    }

    @Test
    public void urlsAreDownloadedWithinBoundsAndChecked() throws Exception {
        String gina = createInstance("gina");
        String cli = cliToken(gina, "io.cozy.apps");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("downloadMaxMegabytes", 1);
        properties.put("downloadTimeoutSeconds", 2);
        configure(gina, cli, properties);
        try (LoopbackServer files = new LoopbackServer()) {
            byte[] app = tarball("web", "1.0.0", "me", NOTES);
            String url = files.serve("/web.tar.gz", "application/octet-stream", app);

            Http.Response mismatch = apps("POST", "/apps/web?Source=" + url + "%23" + "0".repeat(64), gina, cli);
            assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
            assertThat(mismatch.body()).contains("Checksum does not match");
            assertThat(apps("GET", "/apps/web", gina, cli).status()).isEqualTo(404);
            assertThat(appJars("hearth.app.web")).isEmpty();
            assertThat(downloadsLeft()).isZero();

            String big = files.serve("/big.tar.gz", "application/gzip", new byte[(1 << 20) + 1]);
            assertThat(apps("POST", "/apps/web?Source=" + big, gina, cli).status())
                    .isEqualTo(413);
            String slow = files.slow("/slow.tar.gz", 40);
            long start = System.nanoTime();
            assertThat(apps("POST", "/apps/web?Source=" + slow, gina, cli).status())
                    .isEqualTo(504);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_900);
            assertThat(apps("POST", "/apps/web?Source=" + url + "%23" + "zz", gina, cli)
                            .status())
                    .isEqualTo(422);
            assertThat(downloadsLeft()).isZero();
            assertThat(appJars("hearth.app.web")).isEmpty();

            Http.Response ok = apps("POST", "/apps/web?Source=" + url + "%23" + sha256(app), gina, cli);
            assertThat(ok.status()).as(ok.body()).isEqualTo(202);
            assertThat(ok.json()
                            .path("data")
                            .path("attributes")
                            .path("checksum")
                            .asText())
                    .isEqualTo(sha256(app));
            assertThat(appJars("hearth.app.web")).hasSize(1);
        } finally {
            configure(gina, cli, new Hashtable<>());
        }
    }

    private static Path copy(Path from) throws Exception {
        Path to = TestTemp.directory("registry-copy");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
