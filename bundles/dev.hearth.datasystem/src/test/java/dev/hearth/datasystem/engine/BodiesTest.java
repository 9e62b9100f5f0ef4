package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodiesTest {
    private static final byte[] BODY = ("{\"s\":\"caf\\u00e9 \\\"q\\\"\",\"t\":true,\"f\":false,\"z\":null,\"i\":-42,"
                    + "\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":1.5,\"e\":2e3,"
                    + "\"a\":[1,{\"x\":\"y\"}],\"o\":{\"k\":[null]},\"skipped\":{\"deep\":[1,2,3]}}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theFieldsReadAreTheNodesOfTheWholeDocument() {
        ObjectNode whole = Bodies.document("id", "1-a", BODY);
        Set<String> names = Set.of("s", "t", "f", "z", "i", "l", "b", "d", "e", "a", "o");
        ObjectNode some = Bodies.fields("id", "1-a", BODY, names);
        assertThat(some.size()).isEqualTo(names.size() + 2);
        for (String name : names) {
            assertThat(some.get(name)).as(name).isEqualTo(whole.get(name));
            assertThat(some.get(name).getClass())
                    .as(name)
                    .isEqualTo(whole.get(name).getClass());
        }
        assertThat(some.get("s").asText()).isEqualTo("café \"q\"");
        assertThat(some.has("skipped")).isFalse();
        assertThat(some.get("_id").asText()).isEqualTo("id");
        assertThat(some.get("_rev").asText()).isEqualTo("1-a");
    }
}
