package dev.hearth.apps.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppType;
import dev.hearth.common.json.Json;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding the usage index from the instances' installation documents. */
class UsageScanTest {
    private static final String ALICE = "alice.localhost";
    private static final String BOB = "bob.localhost";

    @TempDir
    Path dir;

    private TestData t;

    @BeforeEach
    void open() {
        t = TestData.in(dir);
        t.instances().create(NewInstance.of(ALICE));
        t.instances().create(NewInstance.of(BOB));
        t.instances().create(NewInstance.of("carol.localhost"));
    }

    @AfterEach
    void close() {
        t.close();
    }

    private void installed(String domain, AppType type, String id, String version) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("slug", id.substring(id.indexOf('/') + 1));
        doc.put("state", "ready");
        doc.put("version", version);
        InstallationDocs.save(InstallationDocs.database(t.service(), domain, type), type, doc);
    }

    @Test
    void everyInstallationOfEveryInstanceNamesItsJar() {
        installed(ALICE, AppType.WEBAPP, "io.cozy.apps/notes", "1.0.0");
        installed(ALICE, AppType.KONNECTOR, "io.cozy.konnectors/bank", "2.1.0-beta.1");
        installed(BOB, AppType.WEBAPP, "io.cozy.apps/notes", "1.0.0");
        installed(BOB, AppType.WEBAPP, "io.cozy.apps/drive", "3.0.0");
        installed(BOB, AppType.WEBAPP, "io.cozy.apps/Not_A_Slug", "1.0.0");
        installed(BOB, AppType.WEBAPP, "elsewhere/drive", "3.0.0");

        UsageScan scan = UsageScan.of(t.instances(), t.service());

        assertThat(scan.complete()).isTrue();
        assertThat(scan.domainsByJar())
                .isEqualTo(Map.of(
                        "hearth.app.notes-1.0.0.jar", Set.of(ALICE, BOB),
                        "hearth.konnector.bank-2.1.0.beta_1.jar", Set.of(ALICE),
                        "hearth.app.drive-3.0.0.jar", Set.of(BOB)));
    }

    @Test
    void theJarNameIsTheOneTheArchiveConverterGives() {
        assertThat(AppRepository.jarName(AppType.WEBAPP, "notes", "v1.2")).isEqualTo("hearth.app.notes-1.2.0.jar");
        assertThat(AppRepository.jarName(AppType.KONNECTOR, "notes", "latest"))
                .isEqualTo("hearth.konnector.notes-0.0.0.latest.jar");
    }
}
