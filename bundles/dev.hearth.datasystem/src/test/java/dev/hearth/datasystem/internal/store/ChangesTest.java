package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.ChangesQuery;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesTest {
    @TempDir
    Path dir;

    private TestDb t;
    private MvDatabase db;

    @BeforeEach
    void fill() {
        t = new TestDb(dir);
        db = t.db("io.cozy.notes");
        for (String id : new String[] {"a", "b", "c", "d"}) {
            db.save(json("{\"_id\":\"" + id + "\",\"n\":\"" + id + "\"}"));
        }
        db.save(json("{\"_id\":\"a\",\"_rev\":\"" + db.get("a", null, false).rev() + "\",\"n\":\"a2\"}"));
        db.save(json("{\"_id\":\"b\",\"_rev\":\"" + db.get("b", null, false).rev() + "\",\"_deleted\":true}"));
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void oneRowPerDocumentInSequenceOrder() {
        JsonNode feed = TestDb.changes(db, TestDb.since(null));
        assertThat(feed.path("results").findValuesAsText("id")).containsExactly("c", "d", "a", "b");
        assertThat(feed.path("results").findValuesAsText("seq")).containsExactly("3", "4", "5", "6");
        assertThat(feed.path("results").get(3).path("deleted").asBoolean()).isTrue();
        assertThat(feed.path("last_seq").asText()).isEqualTo("6");
        assertThat(feed.path("pending").asInt()).isZero();
    }

    @Test
    void sinceLimitAndPending() {
        JsonNode page = TestDb.changes(db, new ChangesQuery("3", false, 2, false, true, false, null, null, false));
        assertThat(page.path("results").findValuesAsText("id")).containsExactly("d", "a");
        assertThat(page.path("results").get(1).path("doc").path("n").asText()).isEqualTo("a2");
        assertThat(page.path("last_seq").asText()).isEqualTo("5");
        assertThat(page.path("pending").asInt()).isEqualTo(1);
        assertThat(TestDb.changes(db, TestDb.since("5")).path("results").findValuesAsText("id"))
                .containsExactly("b");
        assertThat(TestDb.changes(db, TestDb.since("6-g1AAAAbogus")).path("results"))
                .isEmpty();
        assertThat(TestDb.changes(db, TestDb.since("now")).path("last_seq").asText())
                .isEqualTo("6");
        assertThatThrownBy(() -> TestDb.changes(db, TestDb.since("x1")))
                .isInstanceOf(CouchException.class)
                .hasMessage("Malformed sequence supplied in 'since' parameter.");
    }

    @Test
    void filtersByIdsSelectorAndDesignAndGoesBackwards() {
        assertThat(TestDb.changes(
                                db,
                                new ChangesQuery(null, false, 0, false, false, false, Set.of("a", "d"), null, false))
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactly("d", "a");
        assertThat(TestDb.changes(
                                db,
                                new ChangesQuery(
                                        null, false, 0, false, false, false, null, json("{\"n\":\"c\"}"), false))
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactly("c");
        assertThat(TestDb.changes(db, new ChangesQuery(null, false, 0, false, false, false, null, null, true))
                        .path("results"))
                .isEmpty();
        assertThat(TestDb.changes(db, new ChangesQuery(null, true, 2, false, false, false, null, null, false))
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactly("b", "a");
    }

    @Test
    void allDocsStyleListsEveryLeaf() {
        db.bulkDocs(json("{\"new_edits\":false,\"docs\":[{\"_id\":\"c\",\"_rev\":\"1-zzz\",\"n\":\"other\"}]}"));
        JsonNode feed =
                TestDb.changes(db, new ChangesQuery(null, false, 0, true, false, false, Set.of("c"), null, false));
        assertThat(feed.path("results").get(0).path("changes")).hasSize(2);
    }
}
