package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answer as JSON text is the answer as trees: the selector checked on the fields it reads
 * only, and whole documents copied from their stored bodies, change nothing.
 */
public abstract class FindJsonContract extends EngineContract {
    @Override
    protected String doctype() {
        return "io.cozy.notes";
    }

    @BeforeEach
    void fill() {
        StringBuilder docs = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 40; i++) {
            docs.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"n")
                    .append(String.format("%02d", i))
                    .append("\",\"group\":")
                    .append(i % 4 == 3 ? "\"3\"" : String.valueOf(i % 4))
                    .append(",\"title\":\"t ")
                    .append(i)
                    .append(" \\u00e9\\n\\\"q\\\"\",\"meta\":{\"size\":")
                    .append(i * 10)
                    .append(",\"tags\":[\"a\",\"b")
                    .append(i % 3)
                    .append("\"]}")
                    .append(i % 5 == 0 ? ",\"extra\":null" : "")
                    .append(i % 7 == 0 ? ",\"list\":[{\"k\":" + i + "},{\"k\":1}]" : "")
                    .append(",\"n\":")
                    .append(i % 2 == 0 ? String.valueOf(i) : i + ".5")
                    .append("}");
        }
        db.bulkDocs(json(docs.append("]}").toString()));
        db.bulkDocs(json("{\"new_edits\":false,\"docs\":[{\"_id\":\"n01\",\"_rev\":\"1-zzz\",\"group\":1}]}"));
        String rev = db.get("n02", null, false).rev();
        db.save(json("{\"_id\":\"n02\",\"_rev\":\"" + rev + "\",\"_deleted\":true}"));
        db.createIndex(json("{\"index\":{\"fields\":[\"group\"]},\"ddoc\":\"by-group\",\"name\":\"g\"}"));
        db.createIndex(json("{\"index\":{\"fields\":[\"meta.size\"]},\"ddoc\":\"by-size\",\"name\":\"s\"}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"selector\":{\"group\":1},\"limit\":100}",
                "{\"selector\":{\"group\":1},\"use_index\":\"_design/by-group\"}",
                "{\"selector\":{\"group\":\"3\"},\"execution_stats\":true}",
                "{\"selector\":{\"group\":{\"$gte\":0}},\"limit\":7,\"skip\":3}",
                "{\"selector\":{\"group\":{\"$gte\":0}},\"sort\":[{\"group\":\"desc\"}],\"limit\":9}",
                "{\"selector\":{\"meta.size\":{\"$gt\":100}},\"limit\":100}",
                "{\"selector\":{\"meta\":{\"tags\":{\"$all\":[\"b1\"]}}},\"limit\":100}",
                "{\"selector\":{\"$or\":[{\"n\":{\"$lt\":5}},{\"extra\":{\"$exists\":true}}]},\"limit\":100}",
                "{\"selector\":{\"list\":{\"$elemMatch\":{\"k\":{\"$gt\":7}}}},\"limit\":100}",
                "{\"selector\":{\"extra\":{\"$exists\":false},\"group\":2},\"limit\":100}",
                "{\"selector\":{\"_id\":{\"$gt\":\"n30\"}},\"limit\":100}",
                "{\"selector\":{\"_rev\":{\"$regex\":\"^1-\"},\"group\":0},\"limit\":100}",
                "{\"selector\":{},\"limit\":100}",
                "{\"selector\":{\"group\":0},\"fields\":[\"_id\",\"title\",\"meta.tags\"],\"limit\":100}",
                "{\"selector\":{\"group\":0},\"fields\":[\"list.0.k\",\"n\"],\"limit\":100}",
                "{\"selector\":{\"group\":1},\"conflicts\":true,\"limit\":100}",
                "{\"selector\":{\"group\":1},\"conflicts\":true,\"fields\":[\"_id\",\"_conflicts\"]}",
                "{\"selector\":{\"title\":{\"$regex\":\"\\\"q\\\"\"}},\"limit\":3}",
                "{\"selector\":{\"nothing\":1},\"limit\":100}"
            })
    void answersAsTextAsInTrees(String request) {
        FindResult trees = db.find(json(request));
        JsonFindResult texts = db.findJson(json(request));
        List<JsonNode> parsed = texts.docs().stream()
                .map(Json::parseObject)
                .map(JsonNode.class::cast)
                .toList();
        assertThat(parsed).isEqualTo(List.copyOf(trees.docs()));
        assertThat(texts.bookmark()).isEqualTo(trees.bookmark());
        assertThat(texts.warning()).isEqualTo(trees.warning());
        assertThat(texts.executionStats() == null).isEqualTo(trees.executionStats() == null);
        if (trees.executionStats() != null) {
            assertThat(texts.executionStats().path("results_returned"))
                    .isEqualTo(trees.executionStats().path("results_returned"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"selector\":{\"group\":1},\"limit\":100}", "{\"selector\":{},\"limit\":100}"})
    void theQueriesAboveFindDocuments(String request) {
        assertThat(db.findJson(json(request)).docs()).hasSizeGreaterThan(5);
    }
}
