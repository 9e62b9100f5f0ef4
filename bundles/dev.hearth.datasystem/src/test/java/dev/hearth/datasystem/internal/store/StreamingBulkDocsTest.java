package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code _bulk_docs} read from a parser: the answers of the tree form, with nothing held whole. */
class StreamingBulkDocsTest {
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

    private List<WriteResult> stream(MvDatabase target, String body) {
        try (JsonParser parser =
                Json.mapper().createParser(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            return target.bulkDocs(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> ids() {
        return TestDb.allDocs(db, false).path("rows").findValuesAsText("id");
    }

    @Test
    void answersAsTheTreeFormDoes() {
        String body = "{\"docs\":[{\"_id\":\"a\",\"n\":1},{\"_id\":\"_bad\"},7,{\"_id\":\"a\"},{\"n\":2},"
                + "{\"_id\":\"b\",\"_rev\":\"1-x\"},{\"_id\":\"c\",\"_attachments\":{}},null],\"other\":{\"x\":[1,2]}}";
        List<WriteResult> streamed = stream(db, body);
        MvDatabase twin = t.db("io.cozy.twin");
        List<WriteResult> tree = twin.bulkDocs(json(body));
        assertThat(streamed).hasSize(8);
        assertThat(streamed)
                .extracting(WriteResult::error)
                .containsExactlyElementsOf(tree.stream().map(WriteResult::error).toList());
        assertThat(streamed)
                .extracting(WriteResult::reason)
                .containsExactlyElementsOf(
                        tree.stream().map(WriteResult::reason).toList());
        assertThat(streamed.get(0)).isEqualTo(tree.get(0));
        assertThat(ids()).hasSize(2).contains("a");
    }

    @Test
    void newEditsMayComeAfterTheDocuments() {
        String body = "{\"docs\":[{\"_id\":\"d\",\"_rev\":\"2-b\",\"_revisions\":{\"start\":2,\"ids\":[\"b\",\"a\"]}},"
                + "{\"_id\":\"norev\"},{\"x\":1}],\"new_edits\":false}";
        List<WriteResult> results = stream(db, body);
        assertThat(results)
                .extracting(WriteResult::id, WriteResult::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "norev", "Document rev is required when new_edits is false"),
                        org.assertj.core.groups.Tuple.tuple("", "Document id must be a string"));
        assertThat(db.get("d", null, true).ancestry()).containsExactly("b", "a");
        assertThat(ids()).containsExactly("d");
    }

    @Test
    void aBodyThatIsNotABulkRequestWritesNothing() {
        String docs = "{\"docs\":[{\"_id\":\"a\"},{\"_id\":\"b\"}]";
        for (String bad : List.of(
                docs,
                docs + "}x",
                docs + "}{}",
                docs + ",\"new_edits\":\"no\"}",
                docs + ",\"new_edits\":null}",
                docs + ",\"docs\":[]}",
                "{\"docs\":[{\"_id\":\"a\"},{\"_id\":\"b\",\"n\":1e999}]}",
                "{\"docs\":{}}",
                "{}",
                "[]",
                "",
                "{\"docs\":[{\"_id\":\"a\"},{\"_id\":\"b\",\"x\":1,\"x\":2}]}")) {
            assertThatThrownBy(() -> stream(db, bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThat(db.exists()).isFalse();
    }

    @Test
    void largeRequestsAreWrittenInSeveralBatchesInOrder() {
        int count = BulkDocs.BATCH_DOCS * 2 + 17;
        StringBuilder body = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"d")
                    .append(String.format("%05d", i))
                    .append("\",\"pad\":\"")
                    .append("p".repeat(i % 50))
                    .append("\"}");
        }
        List<WriteResult> results = stream(db, body.append("]}").toString());
        assertThat(results).hasSize(count).allSatisfy(r -> assertThat(r.isOk()).isTrue());
        assertThat(results.get(count - 1).id()).isEqualTo(String.format("d%05d", count - 1));
        assertThat(db.normalDocCount()).isEqualTo(count);
        assertThat(t.events).hasSize(count);
        assertThat(TestDb.changes(db, TestDb.since("0")).path("results").size()).isEqualTo(count);
    }
}
