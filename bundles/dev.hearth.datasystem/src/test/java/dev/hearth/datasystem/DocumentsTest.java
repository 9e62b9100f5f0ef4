package dev.hearth.datasystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.engine.Bodies;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored bodies read back as documents. */
class DocumentsTest {
    private static final String BODY = "{\"name\":\"a.txt\",\"tags\":[\"x\",{\"k\":[1,2.5]}],"
            + "\"cozyMetadata\":{\"createdAt\":\"2026-12-07T00:00:00Z\",\"nested\":{\"n\":null,\"b\":true}},"
            + "\"size\":\"4096\",\"caf\\u00e9\":\"\\ud83d\\ude00\"}";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRevisionReadsAsItsSpecialFieldsThenItsBody() throws Exception {
        ObjectNode doc = Documents.json(new Revision("f1", "2-ab", false, bytes(BODY), null, null));
        ObjectNode expected = Json.mapper().createObjectNode().put("_id", "f1").put("_rev", "2-ab");
        expected.setAll((ObjectNode) Json.mapper().readTree(BODY));
        assertThat(doc).isEqualTo(expected);
        assertThat(List.copyOf(doc.properties()).stream().map(e -> e.getKey()).toList())
                .containsExactly("_id", "_rev", "name", "tags", "cozyMetadata", "size", "café");
        assertThat(Documents.json(new Revision("f1", "3-cd", true, bytes("{}"), null, null)))
                .isEqualTo(Json.mapper().readTree("{\"_id\":\"f1\",\"_rev\":\"3-cd\",\"_deleted\":true}"));
    }

    @Test
    void anEngineBuildsTheSameDocumentFromABody() throws Exception {
        assertThat(Bodies.document("f1", "2-ab", bytes(BODY)))
                .isEqualTo(Documents.json(new Revision("f1", "2-ab", false, bytes(BODY), null, null)));
    }

    @Test
    void storedBodiesAreReadWithoutTheRepeatedMemberCheckOfRequests() {
        byte[] repeated = bytes("{\"a\":1,\"o\":{\"b\":1,\"b\":2},\"a\":3}");
        assertThatThrownBy(() -> Json.mapper().readTree(repeated)).hasMessageContaining("Duplicate field");
        ObjectNode doc = Documents.json(new Revision("d", "1-a", false, repeated, null, null));
        assertThat(doc.path("a").asInt()).isEqualTo(3);
        assertThat(doc.path("o").path("b").asInt()).isEqualTo(2);
        assertThat(Bodies.document("d", "1-a", repeated)).isEqualTo(doc);
    }

    @Test
    void anIdOrARevisionIsEscapedInTheTextOfADocumentOnlyWhenJsonNeedsIt() throws Exception {
        for (String id :
                List.of("doc-000042", "a\"b", "back\\slash", "tab\there", "caf\u00e9", "\ud83d\ude00", "del\u007f")) {
            byte[] text = Documents.toBytes(new Revision(id, "1-ab", false, bytes("{\"n\":1}"), null, null), null);
            ObjectNode expected =
                    Json.mapper().createObjectNode().put("_id", id).put("_rev", "1-ab");
            expected.put("n", 1);
            assertThat(new String(text, StandardCharsets.UTF_8)).as(id).isEqualTo(Json.string(expected));
        }
    }

    @Test
    void aBodyThatIsNoJsonIsAnError() {
        assertThatThrownBy(() -> Documents.json(new Revision("f1", "1-a", false, bytes("{\"a\":"), null, null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("f1");
    }
}
