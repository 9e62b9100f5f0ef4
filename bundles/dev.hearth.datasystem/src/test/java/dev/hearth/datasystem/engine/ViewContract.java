package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JavaScript map-reduce views through the {@code Database} API: every view parameter against
 * expected rows over keys of every JSON type, the lazy index following the changes feed and its
 * design document, and design document copies. The engine under test runs views in
 * {@link TestSandbox#SANDBOX}.
 */
public abstract class ViewContract extends EngineContract {
    /** Each update maps in a fresh session: the value counts the documents mapped by that update. */
    private static final String COUNTING =
            "{\"v\": {\"map\": \"function (doc) { globalThis.n = (globalThis.n || 0) + 1; emit(doc.k, globalThis.n); }\"}}";

    @BeforeEach
    final void data() {
        put(
                "{\"_id\":\"a\",\"k\":null,\"n\":1}",
                "{\"_id\":\"b\",\"k\":false,\"n\":2}",
                "{\"_id\":\"c\",\"k\":true,\"n\":3}",
                "{\"_id\":\"d\",\"k\":1,\"n\":4}",
                "{\"_id\":\"e\",\"k\":2.5,\"n\":5}",
                "{\"_id\":\"f\",\"k\":\"a\",\"n\":6}",
                "{\"_id\":\"g\",\"k\":\"B\",\"n\":7}",
                "{\"_id\":\"h\",\"k\":\"b\",\"n\":8}",
                "{\"_id\":\"i\",\"k\":[\"a\",1],\"n\":9}",
                "{\"_id\":\"j\",\"k\":[\"a\",2],\"n\":10}",
                "{\"_id\":\"k\",\"k\":[\"b\"],\"n\":11}",
                "{\"_id\":\"l\",\"k\":{\"x\":1},\"n\":12}",
                "{\"_id\":\"m\",\"k\":1,\"n\":13}");
        designDoc("t", """
                {"by_k": {"map": "function (doc) { emit(doc.k, doc.n); }", "reduce": "_sum"},
                 "plain": {"map": "function (doc) { emit(doc.k, doc.n); }"},
                 "count": {"map": "function (doc) { emit(doc.k, 1); }", "reduce": "_count"},
                 "stats": {"map": "function (doc) { emit(null, doc.n); }", "reduce": "_stats"},
                 "parity": {"map": "function (doc) { emit([doc.n % 2, doc.n], doc.n); }",
                            "reduce": "function (keys, values, rereduce) { return sum(values); }"},
                 "throws": {"map": "function (doc) { if (doc.n % 3 === 0) throw new Error('no'); emit(doc.n, null); }"},
                 "linked": {"map": "function (doc) { if (doc.n === 1) emit('link', {_id: 'c'}); }"}}""");
    }

    /** Saves documents given as JSON objects (with {@code _id}) in one bulk write. */
    protected void put(String... docs) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (String doc : docs) {
            array.add(json(doc));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("docs", array);
        db.bulkDocs(body).forEach(r -> {
            if (!r.isOk()) {
                throw new AssertionError(r.id() + ": " + r.error() + " " + r.reason());
            }
        });
    }

    /** Saves (or updates) a design document with these views. */
    protected void designDoc(String id, String views) {
        ObjectNode doc = json("{\"views\":" + views + "}");
        doc.put("_id", "_design/" + id);
        try {
            doc.put("_rev", db.get("_design/" + id, null, false).rev());
        } catch (CouchException e) {
            // a new design document
        }
        db.save(doc);
    }

    /** Queries with parameters given as name, value pairs (values as in a query string). */
    protected JsonNode query(String ddoc, String view, String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        ViewQuery q = ViewQueries.parse(map::get, null);
        return render(out -> db.view(ddoc, view, q, out));
    }

    private JsonNode q(String view, String... params) {
        return query("t", view, params);
    }

    @Test
    protected void rowsComeInCollationOrderThenByDocumentId() {
        JsonNode all = q("plain");
        assertThat(ids(all)).isEqualTo("a b c d m e f h g i j k l");
        assertThat(keys(all))
                .isEqualTo("null false true 1 1 2.5 \"a\" \"b\" \"B\" [\"a\",1] [\"a\",2] [\"b\"] {\"x\":1}");
        assertThat(all.path("total_rows").asLong()).isEqualTo(13);
        assertThat(all.path("offset").asLong()).isZero();
        assertThat(all.path("rows").get(3).path("value").asInt()).isEqualTo(4);
        assertThat(all.has("update_seq")).isFalse();
    }

    @Test
    protected void keyAndKeys() {
        assertThat(ids(q("plain", "key", "1"))).isEqualTo("d m");
        assertThat(ids(q("plain", "key", "1.0"))).isEqualTo("d m");
        assertThat(ids(q("plain", "keys", "[\"b\",1,\"zz\"]"))).isEqualTo("h d m");
        assertThat(ids(q("plain", "keys", "[1]", "descending", "true"))).isEqualTo("m d");
        assertThat(ids(q("plain", "key", "null"))).isEqualTo("a");
    }

    @Test
    protected void startAndEndKeysWithInclusiveEndAndDescending() {
        assertThat(ids(q("plain", "startkey", "\"a\"", "endkey", "[\"a\",2]"))).isEqualTo("f h g i j");
        assertThat(ids(q("plain", "start_key", "\"a\"", "end_key", "[\"a\",2]", "inclusive_end", "false")))
                .isEqualTo("f h g i");
        assertThat(ids(q("plain", "descending", "true", "startkey", "[\"a\",2]", "endkey", "\"a\"")))
                .isEqualTo("j i g h f");
        assertThat(ids(q(
                        "plain",
                        "descending",
                        "true",
                        "startkey",
                        "[\"a\",2]",
                        "endkey",
                        "\"a\"",
                        "inclusive_end",
                        "false")))
                .isEqualTo("j i g h");
        assertThat(ids(q("plain", "endkey", "true"))).isEqualTo("a b c");
        assertThat(ids(q("plain", "startkey", "[]"))).isEqualTo("i j k l");
        assertThat(ids(q("plain", "descending", "true", "endkey", "[]"))).isEqualTo("l k j i");
    }

    @Test
    protected void documentIdsBoundTheRowsOfTheEndKeys() {
        assertThat(ids(q("plain", "startkey", "1", "startkey_docid", "m", "limit", "2")))
                .isEqualTo("m e");
        assertThat(ids(q("plain", "endkey", "1", "endkey_docid", "d"))).isEqualTo("a b c d");
        assertThat(ids(q("plain", "endkey", "1", "endkey_docid", "d", "inclusive_end", "false")))
                .isEqualTo("a b c");
        assertThat(ids(q("plain", "descending", "true", "startkey", "1", "startkey_docid", "d", "limit", "2")))
                .isEqualTo("d c");
    }

    @Test
    protected void limitSkipAndOffset() {
        JsonNode page = q("plain", "limit", "2", "skip", "3");
        assertThat(ids(page)).isEqualTo("d m");
        assertThat(page.path("offset").asLong()).isEqualTo(3);
        JsonNode last = q("plain", "descending", "true", "limit", "2");
        assertThat(ids(last)).isEqualTo("l k");
        assertThat(last.path("offset").asLong()).isZero();
        assertThat(q("plain", "startkey", "\"a\"").path("offset").asLong()).isEqualTo(6);
        assertThat(q("plain", "descending", "true", "startkey", "\"a\"")
                        .path("offset")
                        .asLong())
                .isEqualTo(6);
        assertThat(ids(q("plain", "limit", "0"))).isEmpty();
        assertThat(q("plain", "skip", "100").path("offset").asLong()).isEqualTo(13);
    }

    @Test
    protected void includeDocsAndLinkedDocuments() {
        JsonNode rows = q("plain", "key", "2.5", "include_docs", "true").path("rows");
        assertThat(rows.get(0).path("doc").path("_id").asText()).isEqualTo("e");
        assertThat(rows.get(0).path("doc").path("n").asInt()).isEqualTo(5);
        assertThat(rows.get(0).path("doc").path("_rev").asText()).startsWith("1-");
        JsonNode linked = q("linked", "include_docs", "true").path("rows").get(0);
        assertThat(linked.path("id").asText()).isEqualTo("a");
        assertThat(linked.path("doc").path("_id").asText()).isEqualTo("c");
    }

    @Test
    protected void builtInReduces() {
        assertThat(q("by_k").path("rows").toString()).isEqualTo("[{\"key\":null,\"value\":91}]");
        assertThat(ids(q("by_k", "reduce", "false"))).isEqualTo("a b c d m e f h g i j k l");
        assertThat(q("count").path("rows").toString()).isEqualTo("[{\"key\":null,\"value\":13}]");
        assertThat(q("count", "startkey", "1", "endkey", "\"a\"")
                        .path("rows")
                        .get(0)
                        .path("value")
                        .asInt())
                .isEqualTo(4);
        assertThat(q("count", "startkey", "\"zz\"", "endkey", "\"zzz\"")
                        .path("rows")
                        .size())
                .isZero();
        assertThat(q("stats").path("rows").get(0).path("value").toString())
                .isEqualTo("{\"sum\":91,\"count\":13,\"min\":1,\"max\":13,\"sumsqr\":819}");
        assertThat(q("by_k", "key", "1").path("rows").get(0).path("value").asInt())
                .isEqualTo(17);
    }

    @Test
    protected void groupingAndGroupLevels() {
        JsonNode exact = q("count", "group", "true");
        assertThat(keys(exact))
                .isEqualTo("null false true 1 2.5 \"a\" \"b\" \"B\" [\"a\",1] [\"a\",2] [\"b\"] {\"x\":1}");
        assertThat(exact.path("rows").get(3).path("value").asInt()).isEqualTo(2);
        assertThat(q("parity", "group_level", "1").path("rows").toString())
                .isEqualTo("[{\"key\":[0],\"value\":42},{\"key\":[1],\"value\":49}]");
        assertThat(q("parity", "group_level", "1", "descending", "true", "limit", "1")
                        .path("rows")
                        .toString())
                .isEqualTo("[{\"key\":[1],\"value\":49}]");
        assertThat(q("parity", "group_level", "1", "skip", "1").path("rows").toString())
                .isEqualTo("[{\"key\":[1],\"value\":49}]");
        assertThat(q("parity").path("rows").toString()).isEqualTo("[{\"key\":null,\"value\":91}]");
        assertThat(q("parity", "group", "true", "limit", "1").path("rows").toString())
                .isEqualTo("[{\"key\":[0,2],\"value\":2}]");
        assertThat(keys(q("count", "group", "true", "keys", "[\"b\",1]"))).isEqualTo("\"b\" 1");
    }

    @Test
    protected void aMapThatThrowsSkipsTheDocument() {
        assertThat(keys(q("throws"))).isEqualTo("1 2 4 5 7 8 10 11 13");
    }

    @Test
    protected void updateSeqIsTheSequenceTheIndexReflects() {
        JsonNode answer = q("plain", "update_seq", "true", "limit", "0");
        String seq = render(db::writeInfo).path("update_seq").asText();
        assertThat(answer.path("update_seq").asText()).isEqualTo(seq);
        assertThat(q("by_k", "update_seq", "true").path("update_seq").asText()).isEqualTo(seq);
    }

    @Test
    protected void badParametersGetCouchDbErrors() {
        assertCouchError(
                () -> q("plain", "reduce", "true"), 400, "query_parse_error", "Reduce is invalid for map-only views.");
        assertCouchError(
                () -> q("plain", "group", "true"), 400, "query_parse_error", "Invalid use of grouping on a map view.");
        assertCouchError(
                () -> q("by_k", "include_docs", "true"),
                400,
                "query_parse_error",
                "Query parameter `include_docs` is invalid for reduce views.");
        assertCouchError(
                () -> q("by_k", "keys", "[1]"),
                400,
                "query_parse_error",
                "Multi-key fetches for reduce views must use `group=true`");
        assertCouchError(
                () -> q("plain", "startkey", "2", "endkey", "1"),
                400,
                "query_parse_error",
                "No rows can match your key range, reverse your start_key and end_key or set descending=true");
        assertCouchError(
                () -> q("plain", "limit", "-1"),
                400,
                "query_parse_error",
                "Invalid value for positive integer: \"-1\"");
        assertCouchError(
                () -> q("plain", "skip", "x"), 400, "query_parse_error", "Invalid value for positive integer: \"x\"");
        assertCouchError(
                () -> q("plain", "descending", "yes"), 400, "query_parse_error", "Invalid boolean parameter: \"yes\"");
        assertCouchError(() -> q("plain", "stale", "never"), 400, "query_parse_error", "Invalid value for `stale`.");
        assertCouchError(() -> q("plain", "update", "never"), 400, "query_parse_error", "Invalid value for `update`.");
        assertCouchError(() -> q("plain", "key", "{nope"), 400, "bad_request", "invalid UTF-8 JSON");
        assertCouchError(() -> q("plain", "keys", "1"), 400, "query_parse_error", "`keys` member must be an array.");
        assertCouchError(
                () -> q("plain", "keys", "[1]", "key", "1"),
                400,
                "query_parse_error",
                "`keys` is incompatible with `key`, `start_key` and `end_key`");
        assertCouchError(() -> q("nothing"), 404, "not_found", "missing_named_view");
        assertCouchError(() -> query("none", "plain"), 404, "not_found", "missing");
    }

    @Test
    protected void onlyTheDocumentsChangedSinceTheLastUpdateAreMapped() {
        db = database("io.cozy.fresh"); // without the shared data
        put("{\"_id\":\"a\",\"k\":1}", "{\"_id\":\"b\",\"k\":2}", "{\"_id\":\"c\",\"k\":3}");
        designDoc("d", COUNTING);
        assertThat(values(query("d", "v"))).isEqualTo("1 2 3");
        ObjectNode b = (ObjectNode) json("{\"_id\":\"b\",\"k\":20}");
        b.put("_rev", db.get("b", null, false).rev());
        db.save(b);
        put("{\"_id\":\"e\",\"k\":0}");
        JsonNode after = query("d", "v");
        assertThat(ids(after)).isEqualTo("e a c b");
        assertThat(values(after)).isEqualTo("2 1 3 1");
        ObjectNode deleted = (ObjectNode) json("{\"_id\":\"a\",\"_deleted\":true}");
        deleted.put("_rev", db.get("a", null, false).rev());
        db.save(deleted);
        assertThat(ids(query("d", "v", "stale", "ok"))).isEqualTo("e a c b");
        assertThat(ids(query("d", "v"))).isEqualTo("e c b");
        assertThat(query("d", "v").path("total_rows").asInt()).isEqualTo(3);
    }

    @Test
    protected void invalidViewsAreRefusedWhenSavedAndBadFunctionsWhenQueried() {
        db = database("io.cozy.fresh"); // without the shared data
        put("{\"_id\":\"a\",\"k\":1}");
        assertCouchError(
                () -> designDoc("d", "{\"v\": {\"map\": 42}}"),
                400,
                "invalid_design_doc",
                "View v must have a `map` function as a string");
        assertCouchError(
                () -> designDoc("d", "{\"v\": {\"map\": \"function (doc) {}\", \"reduce\": \"_median\"}}"),
                400,
                "invalid_design_doc",
                "`_median` is not a supported reduce function.");
        designDoc("d", "{\"v\": {\"map\": \"function (doc) { emit(\"}}");
        try {
            query("d", "v");
            throw new AssertionError("a map that does not compile was run");
        } catch (CouchException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("compilation_error");
        }
    }

    @Test
    protected void rowsOfOneKeySortByDocumentIdInRawOrderAsInCouchDb() {
        db = database("io.cozy.fresh"); // without the shared data
        put(
                "{\"_id\":\"b\"}",
                "{\"_id\":\"B\"}",
                "{\"_id\":\"a\"}",
                "{\"_id\":\"\u00e9\"}",
                "{\"_id\":\"ab\"}",
                "{\"_id\":\"a\\u0001\"}");
        designDoc("d", "{\"v\": {\"map\": \"function (doc) { emit('same', null); }\"}}");
        assertThat(ids(query("d", "v"))).isEqualTo("B a a\u0001 ab b \u00e9");
        assertThat(ids(query("d", "v", "descending", "true", "startkey", "\"same\"", "startkey_docid", "ab")))
                .isEqualTo("ab a\u0001 a B");
    }

    @Test
    protected void aChangedDesignDocumentRebuildsItsViewAndADeletedOneAnswers404() {
        designDoc("d", COUNTING);
        assertThat(keys(query("d", "v")))
                .isEqualTo("null false true 1 1 2.5 \"a\" \"b\" \"B\" [\"a\",1] [\"a\",2] [\"b\"] {\"x\":1}");
        designDoc("d", "{\"v\": {\"map\": \"function (doc) { if (doc.n > 11) emit(doc.n, null); }\"}}");
        assertThat(keys(query("d", "v"))).isEqualTo("12 13");
        assertThat(query("d", "v").path("total_rows").asInt()).isEqualTo(2);
        ObjectNode gone = json("{\"_id\":\"_design/d\",\"_deleted\":true}");
        gone.put("_rev", db.get("_design/d", null, false).rev());
        db.save(gone);
        assertCouchError(() -> query("d", "v"), 404, "not_found", "deleted");
        designDoc("d", COUNTING);
        assertThat(query("d", "v").path("total_rows").asInt()).isEqualTo(13);
    }

    @Test
    protected void aDesignDocumentCopyAnswersItsViews() {
        String rev = db.get("_design/t", null, false).rev();
        ObjectNode copied = db.copyDesignDoc("_design/t", rev, "_design/u");
        assertThat(copied.path("ok").asBoolean()).isTrue();
        assertThat(copied.path("rev").asText()).startsWith("1-");
        assertThat(ids(query("u", "plain", "key", "1"))).isEqualTo("d m");
        assertThat(query("u", "by_k").path("rows").toString()).isEqualTo("[{\"key\":null,\"value\":91}]");
        assertCouchError(
                () -> db.copyDesignDoc("_design/t", rev, "_design/u"), 409, "conflict", "Document update conflict.");
    }

    /** The rows' keys as JSON text, joined by spaces. */
    protected static String keys(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows").forEach(r -> b.append(b.isEmpty() ? "" : " ").append(r.path("key")));
        return b.toString();
    }

    protected static String ids(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows")
                .forEach(r ->
                        b.append(b.isEmpty() ? "" : " ").append(r.path("id").asText()));
        return b.toString();
    }

    private static String values(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows").forEach(r -> b.append(b.isEmpty() ? "" : " ").append(r.path("value")));
        return b.toString();
    }
}
