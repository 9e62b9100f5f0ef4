package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Konnectors go the way of web apps, and an app's bundle lives exactly as long as some instance
 * uses it: after an uninstall, after the instance's deletion, and over many installs, which
 * leave the bundles, the services and the heap as they found them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppLifecycleIT extends AppsSupport {
    private static final String BILLS = "{\"bills\":{\"type\":\"io.cozy.bills\"}}";
    private static final int CYCLES = 200;
    private static final int WARM_UP = 50;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void aKonnectorIsInstalledWithItsGrantAndUninstalled() throws Exception {
        String domain = createInstance("konnectors");
        String cli = cliToken(domain, "io.cozy.konnectors");
        String source = konnector("bank", "1.2.0", BILLS).toUri().toString();

        Http.Response installed = apps("POST", "/konnectors/bank?Source=" + source, domain, cli);
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);
        JsonNode data = installed.json().path("data");
        assertThat(data.path("type").asText()).isEqualTo("io.cozy.konnectors");
        assertThat(data.path("id").asText()).isEqualTo("io.cozy.konnectors/bank");
        assertThat(data.path("attributes").path("state").asText()).isEqualTo("ready");
        assertThat(data.path("links").has("related"))
                .as("konnectors have no page")
                .isFalse();
        assertThat(apps("GET", "/konnectors/", domain, cli).json().path("data")).hasSize(1);
        assertThat(apps("GET", "/apps/bank", domain, cliToken(domain, "io.cozy.apps"))
                        .status())
                .as("not a web app")
                .isEqualTo(404);
        assertThat(appBundles("hearth.konnector.bank")).hasSize(1);

        String konn = adminToken(domain, "Audience=konn&Subject=bank");
        Http.Response self = call("GET", publicUrl() + "/permissions/self", domain, konn);
        assertThat(self.json()
                        .path("data")
                        .path("attributes")
                        .path("permissions")
                        .path("bills")
                        .path("type")
                        .asText())
                .isEqualTo("io.cozy.bills");
        Http.Response write = Http.method("PUT", publicUrl() + "/data/io.cozy.bills/b1")
                .host(domain)
                .bearer(konn)
                .json()
                .body("{\"amount\":12}")
                .send();
        assertThat(write.status()).as(write.body()).isEqualTo(200);

        Http.Response asWebapp = apps("POST", "/apps/bank?Source=" + source, domain, cliToken(domain, "io.cozy.apps"));
        assertThat(asWebapp.status()).as(asWebapp.body()).isEqualTo(400);

        Http.Response updated = apps(
                "PUT",
                "/konnectors/bank?Source=" + konnector("bank", "1.3.0", BILLS).toUri(),
                domain,
                cli);
        assertThat(updated.json()
                        .path("data")
                        .path("attributes")
                        .path("version")
                        .asText())
                .isEqualTo("1.3.0");
        assertThat(appBundles("hearth.konnector.bank"))
                .extracting(b -> b.getVersion().toString())
                .containsExactly("1.3.0");

        assertThat(apps("DELETE", "/konnectors/bank", domain, cli).status()).isEqualTo(200);
        assertThat(call("GET", publicUrl() + "/data/io.cozy.bills/b1", domain, konn)
                        .status())
                .as("the token of an uninstalled konnector carries nothing")
                .isEqualTo(403);
        assertThat(appBundles("hearth.konnector.bank")).isEmpty();
        assertThat(appJars("hearth.konnector.bank")).isEmpty();
    }

    @Test
    public void deletingAnInstanceReleasesItsApps() throws Exception {
        String keeps = createInstance("keeps");
        String leaves = createInstance("leaves");
        String source = webapp("diary", "1.0.0", "{}").toUri().toString();
        String v2 = webapp("diary", "2.0.0", "{}").toUri().toString();
        assertThat(apps("POST", "/apps/diary?Source=" + source, keeps, cliToken(keeps, "io.cozy.apps"))
                        .status())
                .isEqualTo(202);
        assertThat(apps("POST", "/apps/diary?Source=" + v2, leaves, cliToken(leaves, "io.cozy.apps"))
                        .status())
                .isEqualTo(202);
        assertThat(appJars("hearth.app.diary")).hasSize(2);

        Http.Response deleted = Http.method("DELETE", adminUrl() + "/instances/" + leaves)
                .basic("admin", adminPassphrase())
                .send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(appJars("hearth.app.diary")).containsExactly("hearth.app.diary-1.0.0.jar");
        assertThat(appBundles("hearth.app.diary")).hasSize(1);
        assertThat(apps("DELETE", "/apps/diary", keeps, cliToken(keeps, "io.cozy.apps"))
                        .status())
                .isEqualTo(200);
        assertThat(appBundles("hearth.app.diary")).isEmpty();
    }

    @Test
    public void manyInstallsAndUninstallsLeaveTheFrameworkAsTheyFoundIt() throws Exception {
        String source = webapp("cycle", "1.0.0", BILLS).toUri().toString();
        int bundles = context.getBundles().length;
        // Classes loaded and caches filled by the first installs count as before. Each measure of
        // the heap is taken once the instance used is deleted: its open store holds caches of its
        // own, which grow with its documents and are not the apps'.
        String warm = createInstance("warm");
        for (int i = 0; i < WARM_UP; i++) {
            cycle(warm, cliToken(warm, "io.cozy.apps"), source, bundles);
        }
        deleteInstance(warm);
        Map<Long, String> before = FrameworkServices.settled(context);
        long heapBefore = heapAfterGc();
        String domain = createInstance("cycles");
        String cli = cliToken(domain, "io.cozy.apps");
        long start = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            cycle(domain, cli, source, bundles);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(seconds).as("%d cycles in %d s", CYCLES, seconds).isLessThan(60);
        assertThat(context.getBundles()).hasSize(bundles);
        assertThat(context.getBundle(0).adapt(FrameworkWiring.class).getRemovalPendingBundles())
                .as("no revision of an uninstalled app bundle is kept")
                .noneMatch(b -> "hearth.app.cycle".equals(b.getSymbolicName()));
        assertThat(appJars("hearth.app.cycle")).isEmpty();
        assertThat(FrameworkServices.of(context)).isEqualTo(before);
        deleteInstance(domain);
        long heapAfter = heapAfterGc();
        assertThat(heapAfter)
                .as("heap used after GC: %d KB before the cycles, %d KB after", heapBefore / 1024, heapAfter / 1024)
                .isLessThanOrEqualTo(heapBefore + heapBefore / 20);
    }

    private void deleteInstance(String domain) {
        Http.Response deleted = Http.method("DELETE", adminUrl() + "/instances/" + domain)
                .basic("admin", adminPassphrase())
                .send();
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    }

    private void cycle(String domain, String cli, String source, int bundles) throws Exception {
        Http.Response installed = apps("POST", "/apps/cycle?Source=" + source, domain, cli);
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);
        assertThat(context.getBundles()).hasSize(bundles + 1);
        assertThat(apps("DELETE", "/apps/cycle", domain, cli).status()).isEqualTo(200);
    }

    /**
     * The heap this framework uses once garbage is collected (the least of a few collections,
     * as one may run while some thread still holds a request's garbage).
     */
    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
