package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.PurgeRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CouchDB's purge, by request and of old tombstones, on the real store. */
class PurgeTest {
    @TempDir
    Path dir;

    private TestDb t;
    private MvDatabase db;

    @BeforeEach
    void open() {
        t = new TestDb(dir);
        db = t.db("io.cozy.purge");
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aPurgedTombstoneLeavesTheDatabaseAndItsChangesAndReplicasGoOnFromTheirCheckpoint() {
        db.save(json("{\"_id\":\"a\"}"));
        String b = db.save(json("{\"_id\":\"b\"}")).rev();
        String deleted = db.save(json("{\"_id\":\"b\",\"_rev\":\"" + b + "\",\"_deleted\":true}"))
                .rev();
        db.save(json("{\"_id\":\"c\"}"));
        String checkpoint =
                TestDb.changes(db, TestDb.since("0")).path("last_seq").asText();

        ObjectNode answer = db.purge(json("{\"b\":[\"" + deleted + "\"],\"nope\":[\"1-abc\"]}"));

        assertThat(answer.path("purged").path("b")).hasSize(1);
        assertThat(answer.path("purged").path("b").get(0).asText()).isEqualTo(deleted);
        assertThat(answer.path("purged").path("nope")).isEmpty();
        assertThat(answer.path("purge_seq").asText()).isEqualTo("1");
        assertThatThrownBy(() -> db.get("b", null, false))
                .isInstanceOf(CouchException.class)
                .hasMessageContaining("missing");
        JsonNode all = TestDb.changes(db, TestDb.since("0"));
        assertThat(all.path("results").findValuesAsText("id")).containsExactly("a", "c");
        JsonNode info = TestDb.render(db::writeInfo);
        assertThat(info.path("purge_seq").asText()).isEqualTo("1");
        assertThat(info.path("doc_del_count").asLong()).isZero();
        assertThat(info.path("doc_count").asLong()).isEqualTo(2);
        assertThat(Long.parseLong(info.path("update_seq").asText()))
                .as("the update sequence moves on")
                .isGreaterThan(Long.parseLong(checkpoint));

        db.save(json("{\"_id\":\"d\"}"));
        JsonNode since = TestDb.changes(db, TestDb.since(checkpoint));
        assertThat(since.path("results").findValuesAsText("id")).containsExactly("d");
        assertThat(since.path("pending").asLong()).isZero();
    }

    @Test
    void purgingAConflictingLeafKeepsTheWinnerAndShowsTheDocumentAgainInTheChanges() {
        String rev = db.save(json("{\"_id\":\"c\",\"n\":\"mine\"}")).rev();
        db.bulkDocs(json("{\"new_edits\":false,\"docs\":[{\"_id\":\"c\",\"_rev\":\"1-zzz\",\"n\":\"other\"}]}"));
        Revision before = db.get("c", null, true);
        assertThat(before.conflicts()).hasSize(1);
        String loser = before.conflicts().getFirst();
        String checkpoint =
                TestDb.changes(db, TestDb.since("0")).path("last_seq").asText();

        db.purge(json("{\"c\":[\"" + loser + "\"]}"));

        Revision after = db.get("c", null, true);
        assertThat(after.conflicts()).isEmpty();
        assertThat(after.rev()).isEqualTo(before.rev());
        assertThat(TestDb.changes(db, TestDb.since(checkpoint)).path("results").findValuesAsText("id"))
                .containsExactly("c");
        assertThat(rev).isIn(before.rev(), loser);
    }

    @Test
    void aPurgedLiveDocumentLeavesItsIndex() {
        db.createIndex(json("{\"index\":{\"fields\":[\"group\"]},\"ddoc\":\"g\",\"name\":\"g\"}"));
        String x = db.save(json("{\"_id\":\"x\",\"group\":1}")).rev();
        db.save(json("{\"_id\":\"y\",\"group\":1}"));

        db.purge(json("{\"x\":[\"" + x + "\"]}"));

        var found = db.find(json("{\"selector\":{\"group\":1},\"use_index\":\"g\"}"));
        assertThat(found.docs()).extracting(d -> d.path("_id").asText()).containsExactly("y");
        assertThat(db.count(json("{\"group\":1}"), "g")).isEqualTo(1);
    }

    @Test
    void badPurgeRequestsAreRefusedBeforeAnythingIsWritten() {
        String rev = db.save(json("{\"_id\":\"k\"}")).rev();
        assertBadRequest("[]", "JSON object");
        assertBadRequest("{\"k\":\"" + rev + "\"}", "must be a list");
        assertBadRequest("{\"k\":[\"" + rev + "\", 3]}", "Invalid rev format");
        assertBadRequest("{\"k\":[\"" + rev + "\", \"nodash\"]}", "Invalid rev format");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= PurgeRequest.MAX_DOCUMENTS; i++) {
            many.append(i == 0 ? "" : ",").append("\"d").append(i).append("\":[]");
        }
        assertBadRequest(many.append('}').toString(), "maximum number of documents");
        assertThat(db.get("k", null, false).rev()).isEqualTo(rev);
        assertThat(TestDb.render(db::writeInfo).path("purge_seq").asText()).isEqualTo("0");
    }

    @Test
    void tombstonesOlderThanTheCutoffArePurgedAndNewerOnesKept() {
        for (int i = 0; i < 30; i++) {
            String rev = db.save(json("{\"_id\":\"t" + i + "\"}")).rev();
            if (i % 3 != 0) {
                db.save(json("{\"_id\":\"t" + i + "\",\"_rev\":\"" + rev + "\",\"_deleted\":true}"));
            }
        }
        long now = System.currentTimeMillis();
        assertThat(t.store.purgeTombstones(now - 86_400_000L))
                .as("nothing was deleted a day ago")
                .isZero();

        assertThat(t.store.purgeTombstones(now + 60_000)).isEqualTo(20);

        JsonNode info = TestDb.render(db::writeInfo);
        assertThat(info.path("doc_del_count").asLong()).isZero();
        assertThat(info.path("doc_count").asLong()).isEqualTo(10);
        assertThat(TestDb.changes(db, TestDb.since("0")).path("results")).hasSize(10);
        assertThatThrownBy(() -> db.get("t1", null, false)).hasMessageContaining("missing");
        assertThat(db.get("t3", null, false).id()).isEqualTo("t3");
        t.close();
        t = new TestDb(dir);
        db = t.db("io.cozy.purge");
        assertThat(TestDb.render(db::writeInfo).path("purge_seq").asText())
                .as("the purge sequence survives a restart")
                .isEqualTo("1");
        assertThat(t.store.purgeTombstones(System.currentTimeMillis() + 60_000)).isZero();
    }

    private void assertBadRequest(String body, String reason) {
        assertThatThrownBy(() -> db.purge(Json.mapper().readTree(body)))
                .isInstanceOf(CouchException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((CouchException) e).status()).isEqualTo(400));
    }
}
