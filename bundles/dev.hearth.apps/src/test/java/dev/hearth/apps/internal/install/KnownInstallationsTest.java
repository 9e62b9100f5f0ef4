package dev.hearth.apps.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installation kept is answered only while its document is unchanged, whoever writes it. */
class KnownInstallationsTest {
    private static final String ALICE = "alice.localhost";
    private static final String BOB = "bob.localhost";

    @TempDir
    Path dir;

    private TestData t;
    private final KnownInstallations known = new KnownInstallations();

    @BeforeEach
    void open() throws Exception {
        t = TestData.in(dir);
        t.instances().create(NewInstance.of(ALICE));
        t.instances().create(NewInstance.of(BOB));
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void anUnchangedDocumentIsParsedOnce() {
        save(ALICE, "notes", "1.0.0", InstallState.READY);
        Installation first =
                known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes").orElseThrow();
        assertThat(known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes")).containsSame(first);
        assertThat(known.find(db(BOB), BOB, AppType.WEBAPP, "notes")).isEmpty();
    }

    @Test
    void aWriteByAnotherHandIsSeenAtTheNextAsk() {
        Installation saved = save(ALICE, "notes", "1.0.0", InstallState.READY);
        known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes").orElseThrow();
        ObjectNode doc = saved.document();
        doc.put("state", InstallState.ERRORED.value());
        doc.put("version", "2.0.0");
        InstallationDocs.save(db(ALICE), AppType.WEBAPP, doc);
        Installation now = known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes").orElseThrow();
        assertThat(now.state()).isEqualTo(InstallState.ERRORED);
        assertThat(now.version()).isEqualTo("2.0.0");
    }

    @Test
    void aDeletionByAnotherHandIsSeenAtTheNextAsk() {
        Installation saved = save(ALICE, "notes", "1.0.0", InstallState.READY);
        known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes").orElseThrow();
        InstallationDocs.delete(db(ALICE), saved);
        assertThat(known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes")).isEmpty();
        assertThat(known.size()).isZero();
    }

    @Test
    void whatTheInstallerWritesIsKeptAndWhatItDeletesDropped() {
        Installation saved = save(ALICE, "notes", "1.0.0", InstallState.READY);
        known.written(ALICE, saved);
        assertThat(known.find(db(ALICE), ALICE, AppType.WEBAPP, "notes")).containsSame(saved);
        known.deleted(ALICE, AppType.WEBAPP, "notes");
        assertThat(known.size()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i <= KnownInstallations.MAX_KEPT; i++) {
            known.written(
                    "i" + i + ".localhost",
                    new Installation(
                            "notes",
                            AppType.WEBAPP,
                            InstallState.READY,
                            "1",
                            Json.mapper().createObjectNode()));
        }
        assertThat(known.size()).isLessThanOrEqualTo(KnownInstallations.MAX_KEPT);
    }

    private Installation save(String domain, String slug, String version, InstallState state) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", InstallationDocs.id(AppType.WEBAPP, slug));
        doc.put("slug", slug);
        doc.put("state", state.value());
        doc.put("version", version);
        return InstallationDocs.save(db(domain), AppType.WEBAPP, doc);
    }

    private Database db(String domain) {
        return InstallationDocs.database(t.service(), domain, AppType.WEBAPP);
    }
}
