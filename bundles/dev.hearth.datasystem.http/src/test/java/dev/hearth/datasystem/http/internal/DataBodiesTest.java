package dev.hearth.datasystem.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of a Mango answer, put together from the documents' texts without a generator. */
class DataBodiesTest {
    @Test
    void theMembersAfterTheDocumentsAreWhatAGeneratorWrites() {
        for (String bookmark : List.of("", "g2RvYy0wMDAwMTA", "odd\"\\\u0001é")) {
            for (boolean next : List.of(true, false)) {
                Map<String, Object> members = new LinkedHashMap<>();
                members.put("limit", 100L);
                members.put("next", next);
                members.put("bookmark", bookmark);
                assertThat(text(DataBodies.findTail(100, next, bookmark)))
                        .as(bookmark)
                        .isEqualTo(Json.string(members));
            }
        }
    }

    @Test
    void theDocumentsComeFirstThenTheOtherMembers() throws Exception {
        byte[] rest = DataBodies.findTail(2, false, "b");
        List<byte[]> docs = List.of(bytes("{\"_id\":\"a\"}"), bytes("{\"_id\":\"é\"}"));
        assertThat(text(DataBodies.withDocs(docs, rest)))
                .isEqualTo(
                        "{\"docs\":[{\"_id\":\"a\"},{\"_id\":\"é\"}],\"limit\":2,\"next\":false,\"bookmark\":\"b\"}");
        assertThat(Json.mapper()
                        .readTree(DataBodies.withDocs(List.of(), rest))
                        .path("docs")
                        .isEmpty())
                .isTrue();
        assertThat(text(DataBodies.withDocs(List.of(), rest)))
                .isEqualTo("{\"docs\":[],\"limit\":2,\"next\":false,\"bookmark\":\"b\"}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
