package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.ViewFixture.ids;
import static dev.hearth.datasystem.internal.store.ViewFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every view parameter against expected rows, over keys of every JSON type. */
class ViewQueryTest {
    @TempDir
    static Path dir;

    static ViewFixture f;

    @BeforeAll
    static void data() {
        f = new ViewFixture(dir);
        f.put(
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
        f.designDoc("t", """
                {"by_k": {"map": "function (doc) { emit(doc.k, doc.n); }", "reduce": "_sum"},
                 "plain": {"map": "function (doc) { emit(doc.k, doc.n); }"},
                 "count": {"map": "function (doc) { emit(doc.k, 1); }", "reduce": "_count"},
                 "stats": {"map": "function (doc) { emit(null, doc.n); }", "reduce": "_stats"},
                 "parity": {"map": "function (doc) { emit([doc.n % 2, doc.n], doc.n); }",
                            "reduce": "function (keys, values, rereduce) { return sum(values); }"},
                 "throws": {"map": "function (doc) { if (doc.n % 3 === 0) throw new Error('no'); emit(doc.n, null); }"},
                 "linked": {"map": "function (doc) { if (doc.n === 1) emit('link', {_id: 'c'}); }"}}""");
    }

    @AfterAll
    static void close() {
        f.close();
    }

    private static JsonNode q(String view, String... params) {
        return f.query("t", view, params);
    }

    @Test
    void rowsComeInCollationOrderThenByDocumentId() {
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
    void keyAndKeys() {
        assertThat(ids(q("plain", "key", "1"))).isEqualTo("d m");
        assertThat(ids(q("plain", "key", "1.0"))).isEqualTo("d m");
        assertThat(ids(q("plain", "keys", "[\"b\",1,\"zz\"]"))).isEqualTo("h d m");
        assertThat(ids(q("plain", "keys", "[1]", "descending", "true"))).isEqualTo("m d");
        assertThat(ids(q("plain", "key", "null"))).isEqualTo("a");
    }

    @Test
    void startAndEndKeysWithInclusiveEndAndDescending() {
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
    void documentIdsBoundTheRowsOfTheEndKeys() {
        assertThat(ids(q("plain", "startkey", "1", "startkey_docid", "m", "limit", "2")))
                .isEqualTo("m e");
        assertThat(ids(q("plain", "endkey", "1", "endkey_docid", "d"))).isEqualTo("a b c d");
        assertThat(ids(q("plain", "endkey", "1", "endkey_docid", "d", "inclusive_end", "false")))
                .isEqualTo("a b c");
        assertThat(ids(q("plain", "descending", "true", "startkey", "1", "startkey_docid", "d", "limit", "2")))
                .isEqualTo("d c");
    }

    @Test
    void limitSkipAndOffset() {
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
    void includeDocsAndLinkedDocuments() {
        JsonNode rows = q("plain", "key", "2.5", "include_docs", "true").path("rows");
        assertThat(rows.get(0).path("doc").path("_id").asText()).isEqualTo("e");
        assertThat(rows.get(0).path("doc").path("n").asInt()).isEqualTo(5);
        assertThat(rows.get(0).path("doc").path("_rev").asText()).startsWith("1-");
        JsonNode linked = q("linked", "include_docs", "true").path("rows").get(0);
        assertThat(linked.path("id").asText()).isEqualTo("a");
        assertThat(linked.path("doc").path("_id").asText()).isEqualTo("c");
    }

    @Test
    void builtInReduces() {
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
    void groupingAndGroupLevels() {
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
    void aMapThatThrowsSkipsTheDocument() {
        assertThat(keys(q("throws"))).isEqualTo("1 2 4 5 7 8 10 11 13");
    }

    @Test
    void updateSeqIsTheSequenceTheIndexReflects() {
        JsonNode answer = q("plain", "update_seq", "true", "limit", "0");
        String seq = TestDb.render(f.db::writeInfo).path("update_seq").asText();
        assertThat(answer.path("update_seq").asText()).isEqualTo(seq);
        assertThat(q("by_k", "update_seq", "true").path("update_seq").asText()).isEqualTo(seq);
    }

    @Test
    void badParametersGetCouchDbErrors() {
        assertError(
                () -> q("plain", "reduce", "true"), 400, "query_parse_error", "Reduce is invalid for map-only views.");
        assertError(
                () -> q("plain", "group", "true"), 400, "query_parse_error", "Invalid use of grouping on a map view.");
        assertError(
                () -> q("by_k", "include_docs", "true"),
                400,
                "query_parse_error",
                "Query parameter `include_docs` is invalid for reduce views.");
        assertError(
                () -> q("by_k", "keys", "[1]"),
                400,
                "query_parse_error",
                "Multi-key fetches for reduce views must use `group=true`");
        assertError(
                () -> q("plain", "startkey", "2", "endkey", "1"),
                400,
                "query_parse_error",
                "No rows can match your key range, reverse your start_key and end_key or set descending=true");
        assertError(
                () -> q("plain", "limit", "-1"),
                400,
                "query_parse_error",
                "Invalid value for positive integer: \"-1\"");
        assertError(
                () -> q("plain", "skip", "x"), 400, "query_parse_error", "Invalid value for positive integer: \"x\"");
        assertError(
                () -> q("plain", "descending", "yes"), 400, "query_parse_error", "Invalid boolean parameter: \"yes\"");
        assertError(() -> q("plain", "stale", "never"), 400, "query_parse_error", "Invalid value for `stale`.");
        assertError(() -> q("plain", "update", "never"), 400, "query_parse_error", "Invalid value for `update`.");
        assertError(() -> q("plain", "key", "{nope"), 400, "bad_request", "invalid UTF-8 JSON");
        assertError(() -> q("plain", "keys", "1"), 400, "query_parse_error", "`keys` member must be an array.");
        assertError(
                () -> q("plain", "keys", "[1]", "key", "1"),
                400,
                "query_parse_error",
                "`keys` is incompatible with `key`, `start_key` and `end_key`");
        assertError(() -> q("nothing"), 404, "not_found", "missing_named_view");
        assertError(() -> f.query("none", "plain"), 404, "not_found", "missing");
    }

    static void assertError(Runnable call, int status, String error, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CouchException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
