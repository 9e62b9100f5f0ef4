package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.ViewFixture.ids;
import static dev.hearth.datasystem.internal.store.ViewFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index follows the changes feed, survives a restart, and follows its design document. */
class ViewIndexTest {
    /** Each update maps in a fresh session: the value counts the documents mapped by that update. */
    private static final String COUNTING =
            "{\"v\": {\"map\": \"function (doc) { globalThis.n = (globalThis.n || 0) + 1; emit(doc.k, globalThis.n); }\"}}";

    @Test
    void onlyTheDocumentsChangedSinceTheLastUpdateAreMapped(@TempDir Path dir) {
        try (ViewFixture f = new ViewFixture(dir)) {
            f.put("{\"_id\":\"a\",\"k\":1}", "{\"_id\":\"b\",\"k\":2}", "{\"_id\":\"c\",\"k\":3}");
            f.designDoc("d", COUNTING);
            assertThat(values(f.query("d", "v"))).isEqualTo("1 2 3");
            ObjectNode b = (ObjectNode) TestDb.json("{\"_id\":\"b\",\"k\":20}");
            b.put("_rev", f.db.get("b", null, false).rev());
            f.db.save(b);
            f.put("{\"_id\":\"e\",\"k\":0}");
            JsonNode after = f.query("d", "v");
            assertThat(ids(after)).isEqualTo("e a c b");
            assertThat(values(after)).isEqualTo("2 1 3 1");
            ObjectNode deleted = (ObjectNode) TestDb.json("{\"_id\":\"a\",\"_deleted\":true}");
            deleted.put("_rev", f.db.get("a", null, false).rev());
            f.db.save(deleted);
            assertThat(ids(f.query("d", "v", "stale", "ok"))).isEqualTo("e a c b");
            assertThat(ids(f.query("d", "v"))).isEqualTo("e c b");
            assertThat(f.query("d", "v").path("total_rows").asInt()).isEqualTo(3);
        }
    }

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
            ViewQueryTest.assertError(() -> f.query("d", "v"), 404, "not_found", "deleted");
        }
    }

    @Test
    void invalidViewsAreRefusedWhenSavedAndBadFunctionsWhenQueried(@TempDir Path dir) {
        try (ViewFixture f = new ViewFixture(dir)) {
            f.put("{\"_id\":\"a\",\"k\":1}");
            ViewQueryTest.assertError(
                    () -> f.designDoc("d", "{\"v\": {\"map\": 42}}"),
                    400,
                    "invalid_design_doc",
                    "View v must have a `map` function as a string");
            ViewQueryTest.assertError(
                    () -> f.designDoc("d", "{\"v\": {\"map\": \"function (doc) {}\", \"reduce\": \"_median\"}}"),
                    400,
                    "invalid_design_doc",
                    "`_median` is not a supported reduce function.");
            f.designDoc("d", "{\"v\": {\"map\": \"function (doc) { emit(\"}}");
            try {
                f.query("d", "v");
                throw new AssertionError("a map that does not compile was run");
            } catch (CouchException e) {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.error()).isEqualTo("compilation_error");
            }
        }
    }

    @Test
    void rowsOfOneKeySortByDocumentIdInRawOrderAsInCouchDb(@TempDir Path dir) {
        try (ViewFixture f = new ViewFixture(dir)) {
            f.put(
                    "{\"_id\":\"b\"}",
                    "{\"_id\":\"B\"}",
                    "{\"_id\":\"a\"}",
                    "{\"_id\":\"\u00e9\"}",
                    "{\"_id\":\"ab\"}",
                    "{\"_id\":\"a\\u0001\"}");
            f.designDoc("d", "{\"v\": {\"map\": \"function (doc) { emit('same', null); }\"}}");
            assertThat(ids(f.query("d", "v"))).isEqualTo("B a a\u0001 ab b \u00e9");
            assertThat(ids(f.query("d", "v", "descending", "true", "startkey", "\"same\"", "startkey_docid", "ab")))
                    .isEqualTo("ab a\u0001 a B");
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
}
