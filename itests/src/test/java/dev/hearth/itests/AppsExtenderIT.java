package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.AppDTO;
import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppResource;
import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.DoctypeContribution;
import dev.hearth.apps.DoctypeRegistry;
import dev.hearth.apps.FailedAppDTO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.dto.ServiceReferenceDTO;

/**
 * The apps extender in the distribution: app bundles made on the fly become apps whose services
 * are registered with the app bundle's own context, and leave nothing behind when they stop or
 * go; broken ones are reported and register nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppsExtenderIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void anAppBundleBecomesAnAppThatItsOwnBundleRegisters() throws Exception {
        Map<Long, String> before = settledServices();
        Bundle app = AppBundle.webapp("itest.notes", "1.2.3", "notes").install(context);
        try {
            app.start();
            ServiceReference<DeployedApp> reference = deployed("notes").orElseThrow();
            assertThat(reference.getBundle()).as("registered by the app bundle").isEqualTo(app);
            assertThat(reference.getProperty(AppHeaders.SLUG)).isEqualTo("notes");
            assertThat(reference.getProperty(AppHeaders.TYPE)).isEqualTo("webapp");
            assertThat(reference.getProperty(AppHeaders.VERSION)).isEqualTo("1.2.3");

            DeployedApp deployed = context.getService(reference);
            try {
                assertThat(deployed.bundleId()).isEqualTo(app.getBundleId());
                assertThat(deployed.manifest().name()).isEqualTo("App notes");
                assertThat(deployed.manifest().editor()).isEqualTo("Hearth");
                assertFilesAreServedFromTheAppFolderOnly(deployed);
            } finally {
                context.ungetService(reference);
            }
            assertTheRuntimeAndTheRegistryKnowIt(app);

            app.stop();
            assertThat(deployed("notes")).isEmpty();
            assertThat(registeredBy(app)).isEmpty();
            assertThat(runtime().deployedApps()).noneMatch(d -> d.bundleId == app.getBundleId());
            assertThat(service(DoctypeRegistry.class).doctype("io.cozy.notes")).isEmpty();
            assertThat(services())
                    .as("every service the app contributed is gone")
                    .isEqualTo(before);

            app.start();
            assertThat(deployed("notes").orElseThrow().getBundle()).isEqualTo(app);
        } finally {
            app.uninstall();
        }
        assertThat(deployed("notes")).isEmpty();
        assertThat(services()).isEqualTo(before);
        assertThat(runtime().failedApps()).noneMatch(f -> f.bundleId == app.getBundleId());
    }

    private static void assertFilesAreServedFromTheAppFolderOnly(DeployedApp deployed) throws IOException {
        AppResource index = deployed.resource("/index.html").orElseThrow();
        assertThat(read(index)).isEqualTo("<!DOCTYPE html><html><body>notes</body></html>");
        assertThat(index.contentType()).isEqualTo("text/html;charset=utf-8");
        AppResource script = deployed.resource("js/app.js").orElseThrow();
        assertThat(read(script)).isEqualTo("console.log('notes');");
        assertThat(script.size()).isEqualTo("console.log('notes');".length());
        assertThat(script.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(deployed.resource("js/../js/app.js").orElseThrow().etag()).isEqualTo(script.etag());
        for (String escape : List.of(
                "../secret.txt",
                "/../secret.txt",
                "js/../../secret.txt",
                "../META-INF/MANIFEST.MF",
                "..\\secret.txt")) {
            assertThat(deployed.resource(escape)).as(escape).isEmpty();
        }
        assertThat(deployed.resource("js")).as("a folder").isEmpty();
        assertThat(deployed.resource("missing.js")).isEmpty();
    }

    private void assertTheRuntimeAndTheRegistryKnowIt(Bundle app) {
        ServiceReference<?>[] registered = app.getRegisteredServices();
        assertThat(registered).hasSize(2);
        assertThat(Arrays.stream(registered).map(r -> ((String[]) r.getProperty(Constants.OBJECTCLASS))[0]))
                .containsExactlyInAnyOrder(DeployedApp.class.getName(), DoctypeContribution.class.getName());
        assertThat(registered).allMatch(r -> "notes".equals(r.getProperty(AppHeaders.SLUG)));
        // The app bundle imports nothing, yet its services are usable by the extender's bundle.
        Bundle extender = extender();
        assertThat(registered)
                .allMatch(r -> r.isAssignableTo(extender, ((String[]) r.getProperty(Constants.OBJECTCLASS))[0]));

        AppDTO dto = runtime().deployedApps().stream()
                .filter(d -> d.bundleId == app.getBundleId())
                .findFirst()
                .orElseThrow();
        assertThat(dto.symbolicName).isEqualTo("itest.notes");
        assertThat(dto.slug).isEqualTo("notes");
        assertThat(dto.type).isEqualTo("webapp");
        assertThat(dto.version).isEqualTo("1.2.3");
        assertThat(Arrays.stream(dto.contributions).map(c -> c.id))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(registered)
                        .map(r -> (Long) r.getProperty(Constants.SERVICE_ID))
                        .toList());
        assertThat(dto.contributions).allMatch((ServiceReferenceDTO c) -> c.bundle == app.getBundleId());

        // The registry is a whiteboard in the extender's bundle; it sees what the app registered.
        DoctypeRegistry doctypes = service(DoctypeRegistry.class);
        DoctypeRegistry.Doctype own = doctypes.doctype("io.cozy.notes").orElseThrow();
        assertThat(own.slugs()).containsExactly("notes");
        assertThat(own.declarations().get(0).rule().description()).isEqualTo("its own documents");
        assertThat(doctypes.doctype("io.cozy.files").orElseThrow().slugs()).contains("notes");
    }

    @Test
    public void aBrokenAppBundleIsReportedAndRegistersNothing() throws Exception {
        Map<String, AppBundle> cases = new TreeMap<>(Map.of(
                FailedAppDTO.INVALID_JSON,
                AppBundle.webapp("itest.broken.json", "1.0.0", "broken").file("www/manifest.webapp", "{\"slug\":"),
                FailedAppDTO.INVALID_SLUG,
                AppBundle.webapp("itest.broken.slug", "1.0.0", "broken")
                        .file("www/manifest.webapp", "{\"slug\":\"Not A Slug\",\"version\":\"1.0.0\"}"),
                FailedAppDTO.TYPE_MISMATCH,
                AppBundle.bare("itest.broken.type", "1.0.0")
                        .header(AppHeaders.APP, "manifest.konnector")
                        .file("manifest.konnector", "{\"slug\":\"broken\",\"version\":\"1\",\"type\":\"webapp\"}"),
                FailedAppDTO.NO_MANIFEST,
                AppBundle.webapp("itest.broken.missing", "1.0.0", "broken")
                        .header(AppHeaders.APP, "app/manifest.webapp"),
                FailedAppDTO.BAD_HEADER,
                AppBundle.webapp("itest.broken.header", "1.0.0", "broken").header(AppHeaders.APP, "www/index.html"),
                FailedAppDTO.INVALID_MANIFEST,
                AppBundle.webapp("itest.broken.route", "1.0.0", "broken")
                        .file(
                                "www/manifest.webapp",
                                "{\"slug\":\"broken\",\"version\":\"1\",\"routes\":{\"/\":{\"folder\":\"../..\"}}}"),
                FailedAppDTO.NOT_REQUIRING_EXTENDER,
                AppBundle.webapp("itest.broken.unwired", "1.0.0", "broken").withoutHeader("Require-Capability")));
        Map<Long, String> before = settledServices();
        for (Map.Entry<String, AppBundle> broken : cases.entrySet()) {
            Bundle bundle = broken.getValue().install(context);
            try {
                bundle.start();
                FailedAppDTO failed = failure(bundle).orElseThrow();
                assertThat(failed.reason).isEqualTo(broken.getKey());
                assertThat(failed.symbolicName).startsWith("itest.broken.");
                assertThat(failed.message).isNotBlank();
                assertThat(registeredBy(bundle)).as(broken.getKey()).isEmpty();
                assertThat(runtime().deployedApps()).noneMatch(d -> d.bundleId == bundle.getBundleId());
                assertThat(services()).as(broken.getKey()).isEqualTo(before);
                if (broken.getKey().equals(FailedAppDTO.INVALID_MANIFEST)) {
                    assertThat(failed.slug).isEqualTo("broken");
                    assertThat(failed.message).contains("routes./.folder");
                }
            } finally {
                bundle.uninstall();
            }
            assertThat(failure(bundle)).as("forgotten with its bundle").isEmpty();
        }
        assertThat(services()).isEqualTo(before);
    }

    @Test
    public void aSlugBelongsToOneBundleWhoseVersionsAreAllDeployed() throws Exception {
        Map<Long, String> before = settledServices();
        Bundle first = AppBundle.webapp("itest.dup.a", "1.0.0", "dup").install(context);
        Bundle other = AppBundle.webapp("itest.dup.b", "5.0.0", "dup").install(context);
        Bundle newer = AppBundle.webapp("itest.dup.a", "2.0.0", "dup").install(context);
        try {
            first.start();
            other.start();
            assertThat(deployed("dup", "1.0.0").orElseThrow().getBundle()).isEqualTo(first);
            assertThat(failure(other).orElseThrow().reason).isEqualTo(FailedAppDTO.DUPLICATE_SLUG);
            assertThat(failure(other).orElseThrow().message).contains("itest.dup.a");
            assertThat(registeredBy(other)).isEmpty();

            newer.start();
            assertThat(deployed("dup", "2.0.0").orElseThrow().getBundle()).isEqualTo(newer);
            assertThat(deployed("dup", "1.0.0").orElseThrow().getBundle())
                    .as("beside the newer version, for the instances that use it")
                    .isEqualTo(first);
            assertThat(failure(first)).isEmpty();
            assertThat(allDeployed("dup")).hasSize(2);

            newer.uninstall();
            assertThat(allDeployed("dup")).hasSize(1);
            assertThat(failure(other).orElseThrow().reason).isEqualTo(FailedAppDTO.DUPLICATE_SLUG);

            first.stop();
            assertThat(deployed("dup", "5.0.0").orElseThrow().getBundle())
                    .as("the slug is free")
                    .isEqualTo(other);
            assertThat(registeredBy(first)).isEmpty();
        } finally {
            for (Bundle b : List.of(first, other, newer)) {
                if (b.getState() != Bundle.UNINSTALLED) {
                    b.uninstall();
                }
            }
        }
        assertThat(allDeployed("dup")).isEmpty();
        assertThat(services()).isEqualTo(before);
    }

    @Test
    public void aHigherBundleVersionOfTheSameAppVersionTakesItsPlace() throws Exception {
        Bundle fix = AppBundle.webapp("itest.fix", "1.0.0", "fix").install(context);
        Bundle refix = AppBundle.webapp("itest.fix", "1.0.0.fixed", "fix")
                .file("www/manifest.webapp", "{\"slug\": \"fix\", \"version\": \"1.0.0\"}")
                .install(context);
        try {
            fix.start();
            refix.start();
            assertThat(deployed("fix", "1.0.0").orElseThrow().getBundle()).isEqualTo(refix);
            assertThat(failure(fix).orElseThrow().reason).isEqualTo(FailedAppDTO.SUPERSEDED);
            assertThat(registeredBy(fix)).as("withdrawn").isEmpty();
            refix.uninstall();
            assertThat(deployed("fix", "1.0.0").orElseThrow().getBundle())
                    .as("back")
                    .isEqualTo(fix);
        } finally {
            for (Bundle b : List.of(fix, refix)) {
                if (b.getState() != Bundle.UNINSTALLED) {
                    b.uninstall();
                }
            }
        }
    }

    @Test
    public void theExtenderTakesItsAppsAlongWhenItStops() throws Exception {
        Bundle extender = extender();
        Bundle app = AppBundle.webapp("itest.restart", "1.0.0", "restart").install(context);
        try {
            app.start();
            assertThat(registeredBy(app)).hasSize(2);
            extender.stop();
            assertThat(registeredBy(app)).isEmpty();
            assertThat(app.getState()).isEqualTo(Bundle.ACTIVE);
            extender.start();
            assertThat(await(() -> deployed("restart").orElse(null)).getBundle())
                    .isEqualTo(app);
        } finally {
            if (extender.getState() != Bundle.ACTIVE) {
                extender.start();
            }
            app.uninstall();
        }
    }

    @Test
    public void fiftyInstallsAndUninstallsLeaveTheFrameworkAsTheyFoundIt() throws Exception {
        Map<Long, String> before = settledServices();
        int bundles = context.getBundles().length;
        for (int i = 0; i < 50; i++) {
            Bundle app = AppBundle.webapp("itest.cycle", "1.0." + i, "cycle").install(context);
            app.start();
            assertThat(deployed("cycle").orElseThrow().getBundle()).isEqualTo(app);
            app.uninstall();
            assertThat(deployed("cycle")).isEmpty();
        }
        assertThat(context.getBundles()).hasSize(bundles);
        assertThat(services()).hasSameSizeAs(before).isEqualTo(before);
        assertThat(runtime().deployedApps()).noneMatch(d -> d.slug.equals("cycle"));
        assertThat(runtime().failedApps()).noneMatch(f -> "cycle".equals(f.slug));
    }

    private Optional<ServiceReference<DeployedApp>> deployed(String slug) {
        Collection<ServiceReference<DeployedApp>> found = allDeployed(slug);
        assertThat(found).as("one version deployed").hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private Optional<ServiceReference<DeployedApp>> deployed(String slug, String version) {
        Collection<ServiceReference<DeployedApp>> found = allDeployed(slug).stream()
                .filter(r -> version.equals(r.getProperty(AppHeaders.VERSION)))
                .toList();
        assertThat(found).as("one deployed app per slug and version").hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private Collection<ServiceReference<DeployedApp>> allDeployed(String slug) {
        try {
            return context.getServiceReferences(DeployedApp.class, "(" + AppHeaders.SLUG + "=" + slug + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(slug, e);
        }
    }

    private Bundle extender() {
        return Arrays.stream(context.getBundles())
                .filter(b -> AppHeaders.EXTENDER.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow();
    }

    /** The services the bundle registered ({@code getRegisteredServices()} gives null or empty). */
    private static List<ServiceReference<?>> registeredBy(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        return registered == null ? List.of() : List.of(registered);
    }

    private Optional<FailedAppDTO> failure(Bundle bundle) {
        return runtime().failedApps().stream()
                .filter(f -> f.bundleId == bundle.getBundleId())
                .findFirst();
    }

    private AppRuntime runtime() {
        return service(AppRuntime.class);
    }

    private <T> T service(Class<T> type) {
        ServiceReference<T> reference = await(() -> context.getServiceReference(type));
        return context.getService(reference);
    }

    private static String read(AppResource resource) throws IOException {
        try (InputStream in = resource.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Map<Long, String> services() throws InvalidSyntaxException {
        return FrameworkServices.of(context);
    }

    /** The services once the server is up and nothing changed for a second. */
    private Map<Long, String> settledServices() throws InvalidSyntaxException {
        publicUrl();
        adminUrl();
        return FrameworkServices.settled(context);
    }
}
