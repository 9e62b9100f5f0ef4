package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.ChangesQuery;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code _changes}: order, since, limit, pending, filters and styles. */
public abstract class ChangesContract extends EngineContract {
    @Override
    protected String doctype() {
        return "io.cozy.notes";
    }

    @BeforeEach
    void fill() {
        for (String id : new String[] {"a", "b", "c", "d"}) {
            db.save(json("{\"_id\":\"" + id + "\",\"n\":\"" + id + "\"}"));
        }
        db.save(json("{\"_id\":\"a\",\"_rev\":\"" + db.get("a", null, false).rev() + "\",\"n\":\"a2\"}"));
        db.save(json("{\"_id\":\"b\",\"_rev\":\"" + db.get("b", null, false).rev() + "\",\"_deleted\":true}"));
    }

    @Test
    protected void oneRowPerDocumentInSequenceOrder() {
        JsonNode feed = changes(db, since(null));
        assertThat(feed.path("results").findValuesAsText("id")).containsExactly("c", "d", "a", "b");
        assertThat(feed.path("results").findValuesAsText("seq")).containsExactly("3", "4", "5", "6");
        assertThat(feed.path("results").get(3).path("deleted").asBoolean()).isTrue();
        assertThat(feed.path("last_seq").asText()).isEqualTo("6");
        assertThat(feed.path("pending").asInt()).isZero();
    }

    @Test
    protected void sinceLimitAndPending() {
        JsonNode page = changes(db, new ChangesQuery("3", false, 2, false, true, false, null, null, false));
        assertThat(page.path("results").findValuesAsText("id")).containsExactly("d", "a");
        assertThat(page.path("results").get(1).path("doc").path("n").asText()).isEqualTo("a2");
        assertThat(page.path("last_seq").asText()).isEqualTo("5");
        assertThat(page.path("pending").asInt()).isEqualTo(1);
        assertThat(changes(db, since("5")).path("results").findValuesAsText("id"))
                .containsExactly("b");
        assertThat(changes(db, since("6-g1AAAAbogus")).path("results")).isEmpty();
        assertThat(changes(db, since("now")).path("last_seq").asText()).isEqualTo("6");
        assertThatThrownBy(() -> changes(db, since("x1")))
                .isInstanceOf(CouchException.class)
                .hasMessage("Malformed sequence supplied in 'since' parameter.");
    }

    @Test
    protected void filtersByIdsSelectorAndDesignAndGoesBackwards() {
        assertThat(changes(db, new ChangesQuery(null, false, 0, false, false, false, Set.of("a", "d"), null, false))
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactly("d", "a");
        assertThat(changes(
                                db,
                                new ChangesQuery(
                                        null, false, 0, false, false, false, null, json("{\"n\":\"c\"}"), false))
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactly("c");
        assertThat(changes(db, new ChangesQuery(null, false, 0, false, false, false, null, null, true))
                        .path("results"))
                .isEmpty();
        assertThat(changes(db, new ChangesQuery(null, true, 2, false, false, false, null, null, false))
                        .path("results")
                        .findValuesAsText("id"))
                .containsExactly("b", "a");
    }

    @Test
    protected void allDocsStyleListsEveryLeaf() {
        db.bulkDocs(json("{\"new_edits\":false,\"docs\":[{\"_id\":\"c\",\"_rev\":\"1-zzz\",\"n\":\"other\"}]}"));
        JsonNode feed = changes(db, new ChangesQuery(null, false, 0, true, false, false, Set.of("c"), null, false));
        assertThat(feed.path("results").get(0).path("changes")).hasSize(2);
    }
}
