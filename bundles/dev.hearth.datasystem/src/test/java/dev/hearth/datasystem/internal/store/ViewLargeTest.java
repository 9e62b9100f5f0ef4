package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A view over 100,000 documents: built, queried, reduced and updated (not timed). */
class ViewLargeTest {
    private static final int DOCS = 100_000;

    @Test
    void aViewOverOneHundredThousandDocuments(@TempDir Path dir) {
        try (ViewFixture f = new ViewFixture(dir)) {
            for (int from = 0; from < DOCS; from += 5_000) {
                ArrayNode docs = Json.mapper().createArrayNode();
                for (int i = from; i < from + 5_000; i++) {
                    docs.addObject()
                            .put("_id", String.format("doc-%06d", i))
                            .put("n", i)
                            .put("group", "g" + (i % 10));
                }
                ObjectNode body = Json.mapper().createObjectNode();
                body.set("docs", docs);
                f.db.bulkDocs(body);
            }
            f.designDoc(
                    "big",
                    "{\"by_group\": {\"map\": \"function (doc) { emit([doc.group, doc.n], doc.n); }\", \"reduce\": \"_sum\"},"
                            + " \"by_n\": {\"map\": \"function (doc) { emit(doc.n, null); }\", \"reduce\": \"_count\"}}");
            JsonNode page = f.query("big", "by_n", "reduce", "false", "startkey", "50000", "limit", "3");
            assertThat(page.path("total_rows").asInt()).isEqualTo(DOCS);
            assertThat(page.path("offset").asInt()).isEqualTo(50_000);
            assertThat(ViewFixture.ids(page)).isEqualTo("doc-050000 doc-050001 doc-050002");
            assertThat(f.query("big", "by_n").path("rows").get(0).path("value").asLong())
                    .isEqualTo(DOCS);
            assertThat(f.query("big", "by_n", "startkey", "10", "endkey", "19")
                            .path("rows")
                            .get(0)
                            .path("value")
                            .asLong())
                    .isEqualTo(10);
            JsonNode groups = f.query("big", "by_group", "group_level", "1");
            assertThat(groups.path("rows").size()).isEqualTo(10);
            long g3 = 0;
            for (int i = 3; i < DOCS; i += 10) {
                g3 += i;
            }
            assertThat(groups.path("rows").get(3).toString()).isEqualTo("{\"key\":[\"g3\"],\"value\":" + g3 + "}");
            f.put("{\"_id\":\"doc-x\",\"n\":-1,\"group\":\"g0\"}");
            JsonNode first = f.query("big", "by_n", "reduce", "false", "limit", "1");
            assertThat(ViewFixture.ids(first)).isEqualTo("doc-x");
            assertThat(first.path("total_rows").asInt()).isEqualTo(DOCS + 1);
        }
    }
}
