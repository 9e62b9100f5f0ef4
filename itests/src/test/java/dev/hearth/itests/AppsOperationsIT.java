package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppDTO;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.AppType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What operators and admins do with apps: drop a Cozy archive into {@code load/} to deploy it for
 * every instance (and delete it to withdraw it), and install or remove an app on an instance from
 * the console's Apps page.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppsOperationsIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private Path load() {
        return Path.of(context.getProperty("hearth.load.dir"));
    }

    /** Where the bundles made from dropped archives are written. */
    private Path dropped() {
        return Path.of(context.getProperty("hearth.data.dir"), "dropped-apps");
    }

    private static TarGz webapp(String slug, String version) {
        return new TarGz()
                .file(
                        slug + "/manifest.webapp",
                        "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"" + version
                                + "\",\"permissions\":{\"own\":{\"type\":\"io.cozy." + slug + "\"}}}")
                .file(slug + "/index.html", "<html>" + slug + " " + version + "</html>");
    }

    /** Writes {@code archive} beside the load folder, then moves it in whole, as an operator's copy should. */
    private Path drop(String name, TarGz archive) throws IOException {
        Path staged = archive.writeTo(Files.createTempFile(load().getParent(), "staged-", ".part"));
        return Files.move(staged, load().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private AppRuntime runtime() {
        return context.getService(context.getServiceReference(AppRuntime.class));
    }

    private List<AppDTO> deployed(String slug) {
        return runtime().deployedApps().stream()
                .filter(a -> a.slug.equals(slug))
                .toList();
    }

    private AppDTO awaitVersion(String slug, String version) {
        return await(() -> deployed(slug).stream()
                .filter(a -> a.version.equals(version))
                .findFirst()
                .orElse(null));
    }

    @Test
    public void anArchiveDroppedIntoLoadIsDeployedForEveryInstanceUntilItIsDeleted() throws Exception {
        Path archive = drop("dropped-app.tar.gz", webapp("dropped", "1.0.0"));
        AppDTO first = awaitVersion("dropped", "1.0.0");
        assertThat(first.type).isEqualTo("webapp");
        assertThat(first.symbolicName).isEqualTo("hearth.app.dropped");
        Path jar = dropped().resolve("dropped-app.tar.gz.jar");
        assertThat(context.getBundle(first.bundleId).getLocation())
                .as("File Install's bundle, read from the converted jar")
                .isEqualTo(jar.toUri().toURL().toString());

        Path staged = webapp("dropped", "1.1.0").writeTo(Files.createTempFile(load().getParent(), "staged-", ".part"));
        Files.move(staged, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AppDTO second = awaitVersion("dropped", "1.1.0");
        assertThat(second.bundleId).as("the same bundle, updated").isEqualTo(first.bundleId);
        assertThat(deployed("dropped")).hasSize(1);

        Files.delete(archive);
        await(() -> context.getBundle(first.bundleId) == null ? Boolean.TRUE : null);
        assertThat(deployed("dropped")).isEmpty();
    }

    @Test
    public void aZipKonnectorIsDeployedAndARefusedArchiveLeavesNothing() throws Exception {
        Path bad = drop("bad.tgz", webapp("Bad_Slug", "1.0.0"));
        Path zip = load().getParent().resolve("bank-staged.part");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "manifest.konnector", "{\"slug\":\"bank\",\"version\":\"3.0.0\",\"type\":\"konnector\"}");
            entry(out, "index.js", "module.exports = {}");
        }
        Path bank = Files.move(zip, load().resolve("bank.zip"), StandardCopyOption.ATOMIC_MOVE);

        AppDTO konnector = awaitVersion("bank", "3.0.0");
        assertThat(konnector.type).isEqualTo("konnector");
        try (var jars = Files.list(dropped())) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .contains("bank.zip.jar")
                    .doesNotContain("bad.tgz.jar");
        }
        assertThat(context.getBundles()).noneMatch(b -> b.getLocation().contains("bad.tgz"));

        Files.delete(bad);
        Files.delete(bank);
        await(() -> deployed("bank").isEmpty() ? Boolean.TRUE : null);
    }

    @Test
    public void anAppVersionTheInstallerHoldsIsNotTakenFromLoad() throws Exception {
        String domain = createInstance("heldapps");
        Path archive = webapp("held", "1.0.0").writeTo(TestTemp.file("held", ".tar.gz"));
        Http.Response installed = Http.post(publicUrl() + "/apps/held?Source=" + archive.toUri())
                .host(domain)
                .bearer(cliToken(domain, "io.cozy.apps"))
                .send();
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);
        long held = deployed("held").get(0).bundleId;

        Path copy = drop("held-copy.tar.gz", webapp("held", "1.0.0"));
        Path marker = drop("marker.tar.gz", webapp("marker", "1.0.0"));
        awaitVersion("marker", "1.0.0");
        assertThat(context.getBundles())
                .as("File Install would have updated the installer's bundle in place, and removed it with the file")
                .filteredOn(b -> "hearth.app.held".equals(b.getSymbolicName()))
                .singleElement()
                .extracting(b -> b.getBundleId())
                .isEqualTo(held);

        Files.delete(copy);
        Files.delete(marker);
        await(() -> deployed("marker").isEmpty() ? Boolean.TRUE : null);
        assertThat(deployed("held")).singleElement().extracting(a -> a.bundleId).isEqualTo(held);
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    public void theAppsPageInstallsShowsAndRemovesAnAppWithAFormToken() throws Exception {
        String domain = createInstance("consoleapps");
        Path archive = webapp("board", "2.0.0").writeTo(TestTemp.file("board", ".tar.gz"));
        String page = adminUrl() + "/system/console/hearth-apps";
        String passphrase = adminPassphrase();
        await(() -> Http.get(page).basic("admin", passphrase).send().status() == 200 ? Boolean.TRUE : null);
        String token = Http.get(page)
                .basic("admin", passphrase)
                .send()
                .body()
                .replaceAll("(?s).*?name='token' value='([0-9a-f]+)'.*", "$1");
        assertThat(token).matches("[0-9a-f]{64}");

        String install = "action=install&type=webapp&slug=board&domain=" + encode(domain) + "&path="
                + encode(archive.toString());
        assertThat(post(page, install + "&token=00").status()).isEqualTo(403);
        assertThat(service(AppInstallations.class).find(domain, AppType.WEBAPP, "board"))
                .isEmpty();

        Http.Response done = post(page, install + "&token=" + token);
        assertThat(done.status()).isEqualTo(302);
        String shown = Http.get(page + "?" + URI.create(done.header("Location")).getQuery())
                .basic("admin", passphrase)
                .send()
                .body();
        assertThat(shown)
                .contains("Installed board 2.0.0 on " + domain)
                .contains("hearth.app.board 2.0.0", "ACTIVE")
                .contains(domain + " 2.0.0 ready")
                .contains("data-confirm='Remove board from " + domain + "?'");

        String other = createInstance("consoleapps2");
        String installOther =
                "action=install&type=webapp&slug=board&domain=" + encode(other) + "&path=" + encode(archive.toString());
        assertThat(post(page, installOther + "&token=" + token).status()).isEqualTo(302);

        assertThat(post(page, remove(domain, token)).status()).isEqualTo(302);
        assertThat(service(AppInstallations.class).find(domain, AppType.WEBAPP, "board"))
                .isEmpty();
        assertThat(deployed("board"))
                .as("the bundle stays for the other instance")
                .hasSize(1);

        assertThat(post(page, remove(other, token)).status()).isEqualTo(302);
        await(() -> deployed("board").isEmpty() ? Boolean.TRUE : null);
    }

    private static String remove(String domain, String token) {
        return "action=remove&type=webapp&slug=board&domain=" + encode(domain) + "&token=" + token;
    }

    private Http.Response post(String page, String form) {
        return Http.post(page)
                .basic("admin", adminPassphrase())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form)
                .send();
    }

    private <T> T service(Class<T> type) {
        return context.getService(context.getServiceReference(type));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
