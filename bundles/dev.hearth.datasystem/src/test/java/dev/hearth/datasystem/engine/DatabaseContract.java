package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes, reads, bulk writes, replication, local documents and sequences of one database. */
public abstract class DatabaseContract extends EngineContract {
    @Test
    protected void createsReadsUpdatesAndDeletes() {
        assertThat(db.exists()).isFalse();
        WriteResult created = db.save(json("{\"_id\":\"a\",\"title\":\"milk\"}"));
        assertThat(created.rev()).startsWith("1-");
        assertThat(db.exists()).isTrue();
        Revision r = db.get("a", null, false);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"milk\"}");

        WriteResult updated = db.save(json("{\"_id\":\"a\",\"_rev\":\"" + created.rev() + "\",\"title\":\"eggs\"}"));
        assertThat(updated.rev()).startsWith("2-");
        assertCouchError(
                () -> db.save(json("{\"_id\":\"a\",\"_rev\":\"" + created.rev() + "\",\"x\":1}")),
                409,
                "conflict",
                "Document update conflict.");
        assertCouchError(() -> db.save(json("{\"_id\":\"a\",\"y\":1}")), 409, "conflict", "Document update conflict.");

        WriteResult deleted = db.save(json("{\"_id\":\"a\",\"_rev\":\"" + updated.rev() + "\",\"_deleted\":true}"));
        assertThat(deleted.rev()).startsWith("3-");
        assertCouchError(() -> db.get("a", null, false), 404, "not_found", "deleted");
        assertCouchError(() -> db.get("b", null, false), 404, "not_found", "missing");
        assertThat(db.get("a", deleted.rev(), false).deleted()).isTrue();

        WriteResult recreated = db.save(json("{\"_id\":\"a\",\"again\":true}"));
        assertThat(recreated.rev()).startsWith("4-");
        assertThat(events()).extracting(Change::created).containsExactly(true, false, false, true);
        assertThat(events()).extracting(Change::deleted).containsExactly(false, false, true, false);
    }

    @Test
    protected void readsTheLiveDocumentsOfAnIdPrefixInIdOrder() {
        for (String id : List.of("f1/b", "f1", "f10/a", "f1/a", "f1/c", "f1.x", "f2/a", "f0/z", "f1/\ud83d\ude00")) {
            db.save(json("{\"_id\":\"" + id + "\",\"n\":\"" + id + "\"}"));
        }
        WriteResult gone = db.save(json("{\"_id\":\"f1/gone\"}"));
        db.save(json("{\"_id\":\"f1/gone\",\"_rev\":\"" + gone.rev() + "\",\"_deleted\":true}"));

        assertThat(db.withIdPrefix("f1/", 100))
                .extracting(d -> d.path("_id").asText() + "=" + d.path("n").asText())
                .containsExactly("f1/a=f1/a", "f1/b=f1/b", "f1/c=f1/c", "f1/\ud83d\ude00=f1/\ud83d\ude00");
        assertThat(db.withIdPrefix("f1/", 2))
                .extracting(d -> d.path("_id").asText())
                .containsExactly("f1/a", "f1/b");
        assertThat(db.withIdPrefix("f3/", 100)).isEmpty();
        assertThat(db.withIdPrefix("f1/a", 100).getFirst().path("_rev").asText())
                .startsWith("1-");
    }

    @Test
    protected void theSameEditGetsTheSameRevision() throws Exception {
        WriteResult a = db.save(json("{\"_id\":\"x\",\"v\":1}"));
        assertThat(database("io.cozy.other")
                        .save(json("{\"_id\":\"x\",\"v\":1}"))
                        .rev())
                .isEqualTo(a.rev());
    }

    @Test
    protected void generatesIdsAndRefusesBadDocuments() {
        assertThat(db.save(json("{\"title\":\"no id\"}")).id()).matches("[0-9a-f]{32}");
        assertCouchError(
                () -> db.save(json("{\"_id\":\"_secret\"}")),
                400,
                "illegal_docid",
                "Only reserved document ids may start with underscore.");
        assertCouchError(
                () -> db.save(json("{\"_id\":\"x\\ud800y\"}")),
                400,
                "illegal_docid",
                "Document id must be valid UTF-8");
        assertCouchError(
                () -> db.putLocal("x\ud800", json("{}")), 400, "illegal_docid", "Document id must be valid UTF-8");
        assertCouchError(
                () -> db.save(json("{\"_id\":\"a\",\"_foo\":1}")),
                400,
                "doc_validation",
                "Bad special document member: _foo");
        assertCouchError(
                () -> db.save(json("{\"_id\":\"a\",\"_rev\":\"nonsense\"}")), 400, "bad_request", "Invalid rev format");
        assertCouchError(() -> db.save(json("{\"_id\":7}")), 400, "bad_request", "_id must be a string");
        assertCouchError(
                () -> db.save(json("{\"_id\":\"a\",\"_deleted\":\"yes\"}")),
                400,
                "bad_request",
                "_deleted must be a boolean");
        String big = "x".repeat(100_001);
        assertCouchError(
                () -> db.save(json("{\"_id\":\"big\",\"blob\":\"" + big + "\"}")), 413, "document_too_large", "big");
        assertThat(db.save(json("{\"_id\":\"typed\",\"_type\":\"io.cozy.other\",\"a\":1}"))
                        .isOk())
                .isTrue();
        assertThat(new String(db.get("typed", null, false).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    protected void bulkDocsReportsEachDocumentAndWritesNothingOfTheFailedOnes() {
        db.save(json("{\"_id\":\"taken\"}"));
        List<WriteResult> results = db.bulkDocs(json("{\"docs\":[{\"_id\":\"ok1\"},{\"_id\":\"taken\"},"
                + "{\"_id\":\"_bad\"},{\"_id\":\"ok2\",\"n\":2},{\"_id\":\"x\",\"_rev\":\"1-nope\"}]}"));
        assertThat(results).extracting(WriteResult::id).containsExactly("ok1", "taken", "_bad", "ok2", "x");
        assertThat(results)
                .extracting(WriteResult::error)
                .containsExactly(null, "conflict", "illegal_docid", null, "conflict");
        assertThat(allDocs(db, false).path("rows").findValuesAsText("id")).containsExactly("ok1", "ok2", "taken");
        assertCouchError(
                () -> db.bulkDocs(json("{\"doc\":[]}")),
                400,
                "bad_request",
                "POST body must include `docs` parameter.");
        assertCouchError(
                () -> db.bulkDocs(json("{\"docs\":[],\"new_edits\":\"no\"}")),
                400,
                "bad_request",
                "`new_edits` parameter must be a boolean.");
    }

    @Test
    protected void replicatedRevisionsMergeIntoTheTreeAndConflict() {
        List<WriteResult> none = db.bulkDocs(
                json(
                        "{\"new_edits\":false,\"docs\":["
                                + "{\"_id\":\"d\",\"_rev\":\"2-bbb\",\"_revisions\":{\"start\":2,\"ids\":[\"bbb\",\"aaa\"]},\"side\":\"b\"},"
                                + "{\"_id\":\"d\",\"_rev\":\"2-abc\",\"_revisions\":{\"start\":2,\"ids\":[\"abc\",\"aaa\"]},\"side\":\"a\"}]}"));
        assertThat(none).as("new_edits=false answers only failures").isEmpty();
        Revision winner = db.get("d", null, true);
        assertThat(winner.rev()).isEqualTo("2-bbb");
        assertThat(winner.conflicts()).containsExactly("2-abc");
        assertThat(winner.ancestry()).containsExactly("bbb", "aaa");
        List<WriteResult> again =
                db.bulkDocs(json("{\"new_edits\":false,\"docs\":[{\"_id\":\"d\",\"_rev\":\"2-bbb\",\"x\":1}]}"));
        assertThat(again).isEmpty();
        assertThat(db.get("d", "2-bbb", false).body()).isEqualTo("{\"side\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(db.bulkDocs(json("{\"new_edits\":false,\"docs\":[{\"_id\":\"d\"}]}")))
                .extracting(WriteResult::error)
                .containsExactly("bad_request");
    }

    @Test
    protected void replicationReadsRevsDiffBulkGetAndOpenRevs() {
        db.bulkDocs(
                json(
                        "{\"new_edits\":false,\"docs\":["
                                + "{\"_id\":\"d\",\"_rev\":\"2-bbb\",\"_revisions\":{\"start\":2,\"ids\":[\"bbb\",\"aaa\"]},\"v\":2}]}"));
        JsonNode diff = render(out -> db.revsDiff(json("{\"d\":[\"2-bbb\",\"3-ccc\"],\"e\":[\"1-x\"]}"), out));
        assertThat(diff.path("d").path("missing").findValuesAsText("missing")).isEmpty();
        assertThat(diff.path("d").path("missing").toString()).isEqualTo("[\"3-ccc\"]");
        assertThat(diff.path("e").path("missing").toString()).isEqualTo("[\"1-x\"]");

        JsonNode bulk = render(out -> db.bulkGet(
                json("{\"docs\":[{\"id\":\"d\",\"rev\":\"2-bbb\"}," + "{\"id\":\"nope\",\"rev\":\"1-a\"}]}"),
                true,
                out));
        JsonNode ok = bulk.path("results").get(0).path("docs").get(0).path("ok");
        assertThat(ok.path("_revisions").path("ids").toString()).isEqualTo("[\"bbb\",\"aaa\"]");
        assertThat(ok.path("v").asInt()).isEqualTo(2);
        assertThat(bulk.path("results")
                        .get(1)
                        .path("docs")
                        .get(0)
                        .path("error")
                        .path("error")
                        .asText())
                .isEqualTo("not_found");

        JsonNode open = render(out -> db.writeOpenRevs("d", List.of("1-aaa", "9-zzz"), true, true, out));
        assertThat(open.get(0).path("ok").path("_rev").asText())
                .as("latest follows to the leaf")
                .isEqualTo("2-bbb");
        assertThat(open.get(1).path("missing").asText()).isEqualTo("9-zzz");
        JsonNode all = render(out -> db.writeOpenRevs("d", null, false, false, out));
        assertThat(all).hasSize(1);
    }

    @Test
    protected void aDesignDocumentWithABadIndexIsRefusedAndNothingIsWritten() {
        db.save(json("{\"_id\":\"a\"}"));
        long seq = changes(db, since("0")).path("last_seq").asLong();
        String bad = "{\"docs\":[{\"_id\":\"_design/bad\",\"language\":\"query\",\"views\":{\"v\":{\"map\":"
                + "{\"fields\":{\"x\":\"asc\"},\"partial_filter_selector\":{\"x\":{\"$nope\":1}}},"
                + "\"options\":{\"def\":{\"fields\":[\"x\"]}}}}},{\"_id\":\"b\"}]}";
        List<WriteResult> results = db.bulkDocs(json(bad));
        assertThat(results.get(0).error()).isEqualTo("bad_request");
        assertThat(results.get(1).isOk()).as("the rest of the batch is written").isTrue();
        assertCouchError(() -> db.get("_design/bad", null, false), 404, "not_found", "missing");
        assertThat(changes(db, since("0")).path("last_seq").asLong()).isEqualTo(seq + 1);
        assertThat(db.normalDocCount()).isEqualTo(2);
    }

    @Test
    protected void allDocsPagesFromAStartKeyAndCountsTheOffset() {
        db.bulkDocs(json("{\"docs\":[{\"_id\":\"a\"},{\"_id\":\"b\"},{\"_id\":\"c\"},{\"_id\":\"d\"}]}"));
        db.save(json("{\"_id\":\"b\",\"_rev\":\"" + db.get("b", null, false).rev() + "\",\"_deleted\":true}"));
        JsonNode page = render(
                out -> db.allDocs(new AllDocsQuery(null, "c", null, true, false, 2, 0, false, false, true), out));
        assertThat(page.path("rows").findValuesAsText("id")).containsExactly("c", "d");
        assertThat(page.path("offset").asInt())
                .as("a, the only live document before c")
                .isEqualTo(1);
        assertThat(page.path("total_rows").asInt()).isEqualTo(3);
        JsonNode down = render(
                out -> db.allDocs(new AllDocsQuery(null, "c", null, true, true, -1, 0, false, false, true), out));
        assertThat(down.path("rows").findValuesAsText("id")).containsExactly("c", "a");
        assertThat(down.path("offset").asInt())
                .as("d, the only live document after c")
                .isEqualTo(1);
    }

    @Test
    protected void localDocumentsCheckTheirRevision() {
        db.create();
        WriteResult first = db.putLocal("checkpoint", json("{\"last_seq\":\"5\"}"));
        assertThat(first.rev()).isEqualTo("0-1");
        assertThat(db.getLocal("checkpoint").path("last_seq").asText()).isEqualTo("5");
        assertCouchError(
                () -> db.putLocal("checkpoint", json("{\"last_seq\":\"6\"}")),
                409,
                "conflict",
                "Document update conflict.");
        assertThat(db.putLocal("checkpoint", json("{\"_rev\":\"0-1\",\"last_seq\":\"6\"}"))
                        .rev())
                .isEqualTo("0-2");
        assertThat(changes(db, since("0")).path("results"))
                .as("local docs have no changes")
                .isEmpty();
        assertThat(db.deleteLocal("checkpoint", "0-2").isOk()).isTrue();
        assertCouchError(() -> db.getLocal("checkpoint"), 404, "not_found", "missing");
    }

    @Test
    protected void localDocumentsAreListedAndRestoredWithTheirRevision() {
        assertThat(db.localDocs()).as("no database yet").isEmpty();
        db.putLocal("b", json("{\"last_seq\":\"1\"}"));
        db.putLocal("a", json("{\"last_seq\":\"2\"}"));
        assertThat(db.localDocs())
                .extracting(d -> d.path("_id").asText() + "@" + d.path("_rev").asText())
                .containsExactly("_local/a@0-1", "_local/b@0-1");
        Database other = database("io.cozy.other");
        assertThat(other.restoreLocal(json("{\"_id\":\"_local/a\",\"_rev\":\"0-7\",\"last_seq\":\"9\"}"))
                        .rev())
                .isEqualTo("0-7");
        assertThat(other.getLocal("a").path("last_seq").asText()).isEqualTo("9");
        assertThat(other.putLocal("a", json("{\"_rev\":\"0-7\",\"last_seq\":\"10\"}"))
                        .rev())
                .as("writes go on from the restored revision")
                .isEqualTo("0-8");
        assertCouchError(
                () -> other.restoreLocal(json("{\"_id\":\"_local/c\",\"_rev\":\"3-abc\"}")),
                400,
                "bad_request",
                "Invalid rev format");
    }

    @Test
    protected void theSequenceCanBeAdvancedButNeverGoesBack() {
        Database fresh = database("io.cozy.advanced");
        fresh.advanceSequence(1000);
        assertThat(fresh.exists()).isTrue();
        fresh.save(json("{\"_id\":\"a\"}"));
        assertThat(changes(fresh, since("0"))
                        .path("results")
                        .path(0)
                        .path("seq")
                        .asText())
                .isEqualTo("1001");
        fresh.advanceSequence(10);
        fresh.save(json("{\"_id\":\"b\"}"));
        assertThat(changes(fresh, since("1001"))
                        .path("results")
                        .path(0)
                        .path("seq")
                        .asText())
                .isEqualTo("1002");
    }

    @Test
    protected void aDroppedDatabaseIsGoneWithItsDocuments() {
        db.save(json("{\"_id\":\"a\"}"));
        db.drop();
        assertThat(db.exists()).isFalse();
        assertCouchError(() -> db.get("a", null, false), 404, "not_found", "wrong_doctype");
        assertCouchError(() -> allDocs(db, false), 404, "not_found", "Database does not exist.");
        assertThat(db.create()).isTrue();
        assertThat(db.create()).isFalse();
    }
}
