package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.ViewFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.engine.ViewDef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's index survives a restart and drops its rows with its design document (the
 * rest of views is {@link dev.hearth.datasystem.engine.ViewContract}).
 */
class ViewIndexTest {
    /** Each update maps in a fresh session: the value counts the documents mapped by that update. */
    private static final String COUNTING =
            "{\"v\": {\"map\": \"function (doc) { globalThis.n = (globalThis.n || 0) + 1; emit(doc.k, globalThis.n); }\"}}";

    @Test
    void theIndexAndItsSequenceSurviveARestart(@TempDir Path dir) {
        String seq;
        try (ViewFixture f = new ViewFixture(dir)) {
            f.put("{\"_id\":\"a\",\"k\":1}", "{\"_id\":\"b\",\"k\":2}");
            f.designDoc("d", COUNTING);
            seq = f.query("d", "v", "update_seq", "true").path("update_seq").asText();
        }
        try (ViewFixture f = new ViewFixture(dir)) {
            JsonNode stale = f.query("d", "v", "update", "false", "update_seq", "true");
            assertThat(stale.path("update_seq").asText()).isEqualTo(seq);
            assertThat(values(stale)).isEqualTo("1 2");
            f.put("{\"_id\":\"c\",\"k\":3}");
            assertThat(values(f.query("d", "v"))).isEqualTo("1 2 1");
        }
    }

    @Test
    void aChangedDesignDocumentRebuildsItsViewAndADeletedOneDropsIt(@TempDir Path dir) {
        try (ViewFixture f = new ViewFixture(dir)) {
            f.put("{\"_id\":\"a\",\"k\":1,\"m\":\"x\"}", "{\"_id\":\"b\",\"k\":2,\"m\":\"y\"}");
            f.designDoc("d", COUNTING);
            String first = ViewDef.signature(f.query("d", "v") == null ? "" : mapOf(COUNTING));
            assertThat(hasRows(f, first)).isTrue();
            f.designDoc("d", "{\"v\": {\"map\": \"function (doc) { emit(doc.m, null); }\"}}");
            assertThat(hasRows(f, first)).isFalse();
            assertThat(keys(f.query("d", "v"))).isEqualTo("\"x\" \"y\"");
            String second = ViewDef.signature("function (doc) { emit(doc.m, null); }");
            ObjectNode gone = (ObjectNode) TestDb.json("{\"_id\":\"_design/d\",\"_deleted\":true}");
            gone.put("_rev", f.db.get("_design/d", null, false).rev());
            f.db.save(gone);
            assertThat(hasRows(f, second)).isFalse();
            assertError(() -> f.query("d", "v"), 404, "not_found", "deleted");
        }
    }

    private static String mapOf(String views) {
        return TestDb.json(views).path("v").path("map").asText();
    }

    private static boolean hasRows(ViewFixture f, String signature) {
        return f.test.store.read(() -> f.test.store.doctype("io.cozy.things").hasViewRows(signature));
    }

    private static String values(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows").forEach(r -> b.append(b.isEmpty() ? "" : " ").append(r.path("value")));
        return b.toString();
    }

    static void assertError(Runnable call, int status, String error, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CouchException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
