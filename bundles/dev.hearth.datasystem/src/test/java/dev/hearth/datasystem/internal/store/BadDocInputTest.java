package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids and numbers that cannot be stored faithfully are refused on every write path. */
class BadDocInputTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private TestDb t;
    private MvDatabase db;

    @BeforeEach
    void open() {
        t = new TestDb(dir);
        db = t.db("io.cozy.things");
    }

    @AfterEach
    void close() {
        t.close();
    }

    private static void assertRefused(Runnable action, String error) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CouchException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo(error);
        });
    }

    private static ObjectNode doc(String id) {
        ObjectNode doc = F.objectNode();
        doc.put("_id", id);
        doc.put("v", 1);
        return doc;
    }

    private static JsonNode bulk(boolean newEdits, JsonNode... docs) {
        ObjectNode body = F.objectNode();
        body.putArray("docs").addAll(List.of(docs));
        body.put("new_edits", newEdits);
        return body;
    }

    @Test
    void idsWithNulOrLoneSurrogatesAreRefusedOnEveryWritePath() {
        for (String id : List.of("\0", "a\0b", "_design/\0", "x\ud800", "\udc00", "_design/", "")) {
            String error = "illegal_docid";
            assertRefused(() -> db.save(doc(id)), error);
            assertThat(db.bulkDocs(bulk(true, doc(id))))
                    .singleElement()
                    .satisfies(r -> assertThat(r.error()).isEqualTo(error));
            ObjectNode replicated = doc(id).put("_rev", "1-abc");
            assertThat(db.bulkDocs(bulk(false, replicated)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.error()).isEqualTo(error));
        }
        for (String id : List.of("\0", "a\0", "\ud800", "")) {
            assertRefused(() -> db.putLocal(id, F.objectNode()), "illegal_docid");
        }
        ObjectNode nulDdoc = json("{\"index\":{\"fields\":[\"v\"]}}").put("ddoc", "\0");
        assertRefused(() -> db.createIndex(nulDdoc), "illegal_docid");
        db.save(json("{\"_id\":\"_design/src\",\"x\":1}"));
        String rev = db.get("_design/src", null, false).rev();
        assertRefused(() -> db.copyDesignDoc("_design/src", rev, "_design/\0"), "illegal_docid");
        assertThat(TestDb.allDocs(db, false).path("rows").findValuesAsText("id"))
                .containsExactly("_design/src");
        assertThat(TestDb.changes(db, TestDb.since("0")).path("results").size()).isEqualTo(1);
    }

    @Test
    void readsOfOddIdsAnswerPerRowOrRefuseIdsThatAreNoText() {
        db.save(doc("real"));
        JsonNode diff = TestDb.render(out -> db.revsDiff(json("{\"\\u0000\":[\"1-a\"],\"real\":[\"1-c\"]}"), out));
        assertThat(diff.fieldNames()).toIterable().containsExactlyInAnyOrder("\0", "real");
        assertRefused(() -> TestDb.render(out -> db.revsDiff(json("{\"real\":[\"nonsense\"]}"), out)), "bad_request");
        ObjectNode loneSurrogate = F.objectNode();
        loneSurrogate.putArray("x\ud800").add("1-b");
        assertRefused(() -> TestDb.render(out -> db.revsDiff(loneSurrogate, out)), "bad_request");
        JsonNode got = TestDb.render(out -> db.bulkGet(
                json("{\"docs\":[{\"id\":\"\\u0000\"},{\"id\":7},"
                        + "{\"id\":\"real\",\"rev\":\"\\u0000\"},{\"id\":\"real\"}]}"),
                false,
                out));
        assertThat(got.path("results").findValuesAsText("error")).hasSize(3);
        assertThat(got.path("results").get(3).at("/docs/0/ok/_id").asText()).isEqualTo("real");
        assertRefused(
                () -> TestDb.render(out -> db.bulkGet(json("{\"docs\":[{\"id\":\"\\udc00\"}]}"), false, out)),
                "bad_request");
    }

    @Test
    void revisionHistoriesMustHoldRevisionHashes() {
        for (String ids : List.of("[\"b\\u0000\",\"a\"]", "[\"b\",\"\\ud800\"]", "[\"b\",7]", "[\"b\",\"\"]")) {
            JsonNode body = json("{\"new_edits\":false,\"docs\":[{\"_id\":\"d\",\"_rev\":\"2-b\","
                    + "\"_revisions\":{\"start\":2,\"ids\":" + ids + "}}]}");
            assertThat(db.bulkDocs(body)).singleElement().satisfies(r -> {
                assertThat(r.error()).isEqualTo("bad_request");
                assertThat(r.reason()).isEqualTo("Invalid _revisions");
            });
        }
        assertThat(db.exists()).isFalse();
    }

    @Test
    void numbersThatOverflowADoubleAreRefusedAndLargeFiniteOnesKept() {
        assertRefused(() -> json("{\"a\":1e999999}"), "bad_request");
        ObjectNode infinite = doc("inf");
        infinite.putArray("list").add(F.numberNode(Double.NEGATIVE_INFINITY));
        assertRefused(() -> db.save(infinite), "bad_request");
        assertThat(db.bulkDocs(bulk(true, infinite)))
                .singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("bad_request"));
        ObjectNode nan = F.objectNode().put("x", Float.NaN);
        assertRefused(() -> db.putLocal("nan", nan), "bad_request");
        assertThat(db.exists()).isFalse();

        String exact = "{\"big\":123456789012345678901234567890123456789,\"max\":1.7976931348623157E308,"
                + "\"small\":-4.9E-324}";
        ObjectNode kept = json(exact);
        kept.put("_id", "kept");
        db.save(kept);
        assertThat(new String(db.get("kept", null, false).body(), StandardCharsets.UTF_8))
                .isEqualTo(exact);
    }
}
