package dev.hearth.jobs.internal;

import static dev.hearth.jobs.internal.Harness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.json.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
    @TempDir
    Path dir;

    Harness h;
    JobStore store;

    @BeforeEach
    void start() throws Exception {
        h = new Harness(dir, Map.of());
        store = new JobStore(h.data);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private ObjectNode created() {
        ObjectNode doc = Json.mapper().createObjectNode().put("_id", "job1").put("state", "running");
        return store.create(ALICE, Doctypes.JOBS, doc);
    }

    @Test
    void anUpdateFromTheLastWrittenDocumentWritesOverItAndLeavesItAlone() {
        ObjectNode known = created();
        ObjectNode saved = store.updateFrom(ALICE, Doctypes.JOBS, known, d -> d.put("state", "done"));
        assertThat(saved.path("state").asText()).isEqualTo("done");
        assertThat(saved.path("_rev").asText()).startsWith("2-");
        assertThat(known.path("state").asText()).isEqualTo("running");
        assertThat(store.get(ALICE, Doctypes.JOBS, "job1").path("state").asText())
                .isEqualTo("done");
    }

    @Test
    void anUpdateFromAStaleDocumentAppliesTheChangeToTheCurrentOne() {
        ObjectNode known = created();
        store.update(ALICE, Doctypes.JOBS, "job1", d -> d.put("note", "changed meanwhile"));
        ObjectNode saved = store.updateFrom(ALICE, Doctypes.JOBS, known, d -> d.put("state", "done"));
        ObjectNode stored = store.get(ALICE, Doctypes.JOBS, "job1");
        assertThat(saved.path("_rev").asText()).startsWith("3-");
        assertThat(stored.path("state").asText()).isEqualTo("done");
        assertThat(stored.path("note").asText()).isEqualTo("changed meanwhile");
    }

    @Test
    void anUpdateFromADeletedDocumentWritesNothing() {
        ObjectNode known = created();
        store.delete(ALICE, Doctypes.JOBS, "job1");
        assertThat(store.updateFrom(ALICE, Doctypes.JOBS, known, d -> d.put("state", "done")))
                .isNull();
        assertThat(store.find(ALICE, Doctypes.JOBS, "job1")).isNull();
    }
}
