package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.FindResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mango queries, the same on every engine: index choice, ranges, order, pages, projections. */
public abstract class FindContract extends EngineContract {
    @Override
    protected String doctype() {
        return "io.cozy.contacts";
    }

    @BeforeEach
    void fill() {
        StringBuilder docs = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 60; i++) {
            docs.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"c")
                    .append(String.format("%03d", i))
                    .append("\",\"group\":")
                    .append(i % 6)
                    .append(",\"name\":\"n")
                    .append(String.format("%03d", i))
                    .append("\"")
                    .append(i % 10 == 0 ? ",\"vip\":true" : "")
                    .append("}");
        }
        db.bulkDocs(json(docs.append("]}").toString()));
    }

    protected FindResult find(String request) {
        return db.find(json(request));
    }

    @Test
    void withoutAnIndexTheQueryWarns() {
        FindResult r = find("{\"selector\":{\"group\":2},\"limit\":100}");
        assertThat(r.warning()).isEqualTo(QueryPlan.NO_INDEX_WARNING);
        assertThat(r.docs())
                .hasSize(10)
                .allSatisfy(d -> assertThat(d.path("group").asInt()).isEqualTo(2));
    }

    @Test
    void anIndexServesEqualityAndRanges() {
        ObjectNode created = db.createIndex(
                json("{\"index\":{\"fields\":[\"group\",\"name\"]},\"ddoc\":\"by-group\",\"name\":\"g\"}"));
        assertThat(created.path("result").asText()).isEqualTo("created");
        assertThat(db.createIndex(json(
                                "{\"index\":{\"fields\":[\"group\",\"name\"]},\"ddoc\":\"by-group\",\"name\":\"g\"}"))
                        .path("result")
                        .asText())
                .isEqualTo("exists");

        FindResult partialSelector = find("{\"selector\":{\"group\":2},\"limit\":100}");
        assertThat(partialSelector.warning())
                .as("documents without a name are not in the index")
                .isNotNull();

        FindResult eq =
                find("{\"selector\":{\"group\":2,\"name\":{\"$gt\":null}},\"execution_stats\":true,\"limit\":100}");
        assertThat(eq.warning()).isNull();
        assertThat(eq.docs()).hasSize(10);
        assertThat(eq.executionStats().path("total_keys_examined").asInt())
                .as("a range scan, not a full scan")
                .isEqualTo(10);
        assertThat(eq.docs()).extracting(d -> d.path("name").asText()).isSorted();

        FindResult range =
                find("{\"selector\":{\"group\":2,\"name\":{\"$gt\":\"n020\",\"$lte\":\"n044\"}},\"limit\":100}");
        assertThat(range.docs())
                .extracting(d -> d.path("name").asText())
                .containsExactly("n026", "n032", "n038", "n044");

        FindResult desc = find(
                "{\"selector\":{\"group\":2,\"name\":{\"$gt\":null}},\"sort\":[{\"group\":\"desc\"},{\"name\":\"desc\"}],\"limit\":3}");
        assertThat(desc.docs()).extracting(d -> d.path("name").asText()).containsExactly("n056", "n050", "n044");
    }

    @Test
    void countsAnIndexRangeOrPageByPage() {
        db.createIndex(json("{\"index\":{\"fields\":[\"group\"]}}"));
        db.createIndex(json("{\"index\":{\"fields\":[\"group\",\"name\"]},\"ddoc\":\"by-group-name\"}"));
        assertThat(db.count(json("{\"group\":2}"), null))
                .as("the range of the group index")
                .isEqualTo(10);
        assertThat(db.count(json("{\"group\":2}"), "by-group-name"))
                .as("the leading field of the index named")
                .isEqualTo(10);
        assertThat(db.count(json("{\"group\":2,\"vip\":true}"), null))
                .as("page by page")
                .isEqualTo(2);
        assertThat(db.count(json("{\"group\":{\"$gt\":3}}"), null)).isEqualTo(20);
        assertThat(db.count(json("{\"group\":7}"), null)).isZero();
        String rev = db.get("c002", null, false).rev();
        db.save(json("{\"_id\":\"c002\",\"_rev\":\"" + rev + "\",\"_deleted\":true}"));
        db.save(json("{\"_id\":\"new\",\"group\":7}"));
        assertThat(db.count(json("{\"group\":2}"), null))
                .as("a deleted document is not counted")
                .isEqualTo(9);
        assertThat(db.count(json("{\"group\":7}"), null)).isEqualTo(1);
    }

    @Test
    void pagesWithBookmarksAndSkip() {
        db.createIndex(json("{\"index\":{\"fields\":[\"group\"]}}"));
        FindResult first = find("{\"selector\":{\"group\":{\"$gte\":0}},\"limit\":25}");
        FindResult second =
                find("{\"selector\":{\"group\":{\"$gte\":0}},\"limit\":25,\"bookmark\":\"" + first.bookmark() + "\"}");
        FindResult third =
                find("{\"selector\":{\"group\":{\"$gte\":0}},\"limit\":25,\"bookmark\":\"" + second.bookmark() + "\"}");
        assertThat(first.docs()).hasSize(25);
        assertThat(second.docs()).hasSize(25);
        assertThat(third.docs()).hasSize(10);
        assertThat(find("{\"selector\":{\"group\":{\"$gte\":0}},\"limit\":100,\"skip\":55}")
                        .docs())
                .hasSize(5);
        Set<String> ids = new HashSet<>();
        first.docs().forEach(d -> ids.add(d.path("_id").asText()));
        second.docs().forEach(d -> ids.add(d.path("_id").asText()));
        third.docs().forEach(d -> ids.add(d.path("_id").asText()));
        assertThat(ids).hasSize(60);
    }

    @Test
    void indexesFollowWritesInTheSameCommit() {
        db.createIndex(json("{\"index\":{\"fields\":[\"group\"]}}"));
        String rev = db.get("c012", null, false).rev();
        db.save(json("{\"_id\":\"c012\",\"_rev\":\"" + rev + "\",\"group\":99,\"name\":\"moved\"}"));
        assertThat(find("{\"selector\":{\"group\":99}}").docs())
                .extracting(d -> d.path("_id").asText())
                .containsExactly("c012");
        assertThat(find("{\"selector\":{\"group\":0},\"limit\":100}").docs())
                .extracting(d -> d.path("_id").asText())
                .doesNotContain("c012");
        String rev2 = db.get("c012", null, false).rev();
        db.save(json("{\"_id\":\"c012\",\"_rev\":\"" + rev2 + "\",\"_deleted\":true}"));
        assertThat(find("{\"selector\":{\"group\":99}}").docs()).isEmpty();
    }

    @Test
    void partialIndexesAreUsedOnlyWhenNamed() {
        db.createIndex(json("{\"index\":{\"fields\":[\"name\"],\"partial_filter_selector\":{\"vip\":true}},"
                + "\"ddoc\":\"vips\",\"name\":\"vips\"}"));
        FindResult named = find("{\"selector\":{\"name\":{\"$gt\":null},\"vip\":true},\"use_index\":\"vips\"}");
        assertThat(named.warning()).isNull();
        assertThat(named.docs()).hasSize(6);
        FindResult unnamed = find("{\"selector\":{\"name\":{\"$gt\":null},\"vip\":true}}");
        assertThat(unnamed.warning()).contains("No matching index found");
    }

    @Test
    void aSortNeedsAnIndexAndBadQueriesAreRefused() {
        assertThatThrownBy(() -> find("{\"selector\":{\"group\":1},\"sort\":[\"name\"]}"))
                .isInstanceOfSatisfying(CouchException.class, e -> {
                    assertThat(e.error()).isEqualTo("no_usable_index");
                    assertThat(e.reason()).isEqualTo("No index exists for this sort, try indexing by the sort fields.");
                });
        assertThatThrownBy(() -> find("{\"selector\":{\"group\":{\"$bad\":1}}}"))
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> find("{\"limit\":5}")).hasMessage("Missing required key: selector");
        assertThatThrownBy(() -> find("{\"selector\":{},\"limit\":-1}")).isInstanceOf(CouchException.class);
        assertThatThrownBy(() -> find("{\"selector\":{},\"bookmark\":\"%%%\"}")).isInstanceOf(CouchException.class);
        assertThatThrownBy(() -> db.createIndex(json("{\"index\":{\"fields\":[]}}")))
                .isInstanceOf(CouchException.class);
        assertThatThrownBy(() -> db.createIndex(json("{\"index\":{\"fields\":[\"a\"]},\"type\":\"text\"}")))
                .isInstanceOf(CouchException.class);
    }

    @Test
    void sortFieldsCountAsRequiredIndexFields() {
        db.createIndex(json("{\"index\":{\"fields\":[\"group\",\"name\"]},\"ddoc\":\"by-group\"}"));
        FindResult sorted = find("{\"selector\":{\"group\":1},\"sort\":[{\"group\":\"desc\"},{\"name\":\"desc\"}],"
                + "\"use_index\":\"_design/by-group\",\"limit\":2}");
        assertThat(sorted.warning()).isNull();
        assertThat(sorted.docs()).extracting(d -> d.path("name").asText()).containsExactly("n055", "n049");
        db.createIndex(json("{\"index\":{\"fields\":[\"name\",\"group\"]},\"ddoc\":\"by-name\"}"));
        FindResult byName = find("{\"selector\":{\"group\":1},\"sort\":[{\"name\":\"asc\"},{\"group\":\"asc\"}],"
                + "\"use_index\":\"_design/by-name\",\"limit\":3}");
        assertThat(byName.docs()).extracting(d -> d.path("name").asText()).containsExactly("n001", "n007", "n013");
    }

    @Test
    void fieldsProjectTheResults() {
        db.createIndex(json("{\"index\":{\"fields\":[\"group\"]}}"));
        FindResult r = find("{\"selector\":{\"group\":3},\"fields\":[\"_id\",\"name\"],\"limit\":1}");
        assertThat(r.docs().get(0).toString()).isEqualTo("{\"_id\":\"c003\",\"name\":\"n003\"}");
    }

    @Test
    void anIndexOrdersMixedTypesByCouchDbCollation() {
        db.bulkDocs(json("{\"docs\":[{\"_id\":\"m1\",\"mixed\":\"b\"},{\"_id\":\"m2\",\"mixed\":10},"
                + "{\"_id\":\"m3\",\"mixed\":null},{\"_id\":\"m4\",\"mixed\":[1]},{\"_id\":\"m5\",\"mixed\":\"B\"},"
                + "{\"_id\":\"m6\",\"mixed\":true},{\"_id\":\"m7\",\"mixed\":{\"x\":1}},{\"_id\":\"m8\",\"mixed\":2.5},"
                + "{\"_id\":\"m9\",\"mixed\":\"a\"},{\"_id\":\"m0\",\"mixed\":false}]}"));
        db.createIndex(json("{\"index\":{\"fields\":[\"mixed\"]},\"ddoc\":\"mixed\"}"));
        List<String> all = List.of("m3", "m0", "m6", "m8", "m2", "m9", "m1", "m5", "m4", "m7");
        FindResult first = find("{\"selector\":{\"mixed\":{\"$exists\":true}},\"limit\":4}");
        FindResult rest =
                find("{\"selector\":{\"mixed\":{\"$exists\":true}},\"bookmark\":\"" + first.bookmark() + "\"}");
        assertThat(first.warning()).isNull();
        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(ids(rest)).containsExactlyElementsOf(all.subList(4, 10));
        FindResult desc =
                find("{\"selector\":{\"mixed\":{\"$exists\":true}},\"sort\":[{\"mixed\":\"desc\"}],\"limit\":3}");
        assertThat(ids(desc)).containsExactly("m7", "m4", "m5");
        assertThat(ids(find("{\"selector\":{\"mixed\":{\"$gt\":2,\"$lt\":\"b\"}}}")))
                .as("a range runs across types in collation order")
                .containsExactly("m8", "m2", "m9");
        assertThat(ids(find("{\"selector\":{\"mixed\":{\"$in\":[\"B\",10,null]}}}")))
                .containsExactly("m3", "m2", "m5");
    }

    private static List<String> ids(FindResult r) {
        return r.docs().stream().map(d -> d.path("_id").asText()).toList();
    }
}
