package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    @Test
    void splitsAtUnescapedDots() {
        assertThat(FieldPath.parse("ab").segments()).containsExactly("ab");
        assertThat(FieldPath.parse("a.b").segments()).containsExactly("a", "b");
        assertThat(FieldPath.parse("a\\.b").segments()).containsExactly("a.b");
        assertThat(FieldPath.parse("a.b.c").segments()).containsExactly("a", "b", "c");
        assertThat(FieldPath.parse("a.b\\.c").segments()).containsExactly("a", "b.c");
        assertThat(FieldPath.parse("a\\b").segments())
                .as("other backslashes are dropped")
                .containsExactly("ab");
        assertThat(FieldPath.parse("_id").segments()).containsExactly("_id");
        assertThat(FieldPath.parse("a.\ud83d\ude00").segments()).containsExactly("a", "\ud83d\ude00");
    }

    @Test
    void refusesEmptySegments() {
        for (String bad : List.of("", ".", "a..b", ".a", "a.", "a.\\", "a.\ud800", "\udc00b")) {
            assertThatThrownBy(() -> FieldPath.parse(bad))
                    .isInstanceOf(MangoException.class)
                    .hasMessage("Invalid field name: " + bad);
        }
        assertThatThrownBy(() -> FieldPath.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNamesTooLongToStore() {
        String longest = "a".repeat(FieldPath.MAX_LENGTH);
        assertThat(FieldPath.parse(longest).segments()).containsExactly(longest);
        for (String bad : List.of(longest + "b", "x.".repeat(30_000) + "y")) {
            assertThatThrownBy(() -> FieldPath.parse(bad)).isInstanceOfSatisfying(MangoException.class, e -> {
                assertThat(e.error()).isEqualTo("invalid_field_name");
                assertThat(e.reason())
                        .startsWith("Invalid field name: " + bad.substring(0, 64))
                        .endsWith("(field names are at most 4096 characters)")
                        .hasSizeLessThan(200);
            });
        }
        List<String> escapedTooLong = List.of("a".repeat(2000), ".".repeat(1100));
        assertThatThrownBy(() -> FieldPath.of(escapedTooLong))
                .as("the dotted form counts, escapes included")
                .isInstanceOf(MangoException.class);
    }

    @Test
    void printsEscapedAndRoundTrips() {
        FieldPath path = FieldPath.of(List.of("a.b", "c"));
        assertThat(path).hasToString("a\\.b.c");
        assertThat(FieldPath.parse(path.toString())).isEqualTo(path).hasSameHashCodeAs(path);
    }

    @Test
    void fetchesValuesAndTellsMissingFromNull() {
        JsonNode doc = json("{a: {b: null, c: [10, {d: 'x'}]}, 'e.f': 1, g: 5}");
        assertThat(FieldPath.parse("a.b").get(doc)).contains(json("null"));
        assertThat(FieldPath.parse("a.b").existsIn(doc)).isTrue();
        assertThat(FieldPath.parse("a.z").get(doc)).isEmpty();
        assertThat(FieldPath.parse("a.z").existsIn(doc)).isFalse();
        assertThat(FieldPath.parse("a.c.0").get(doc)).contains(json("10"));
        assertThat(FieldPath.parse("a.c.1.d").get(doc)).contains(json("'x'"));
        assertThat(FieldPath.parse("a.c.+1.d").get(doc)).contains(json("'x'"));
        assertThat(FieldPath.parse("a.c.2").get(doc)).isEmpty();
        assertThat(FieldPath.parse("a.c.-1").get(doc)).isEmpty();
        assertThat(FieldPath.parse("a.c.x").get(doc)).isEmpty();
        assertThat(FieldPath.parse("g.h").get(doc)).isEmpty();
        assertThat(FieldPath.parse("e\\.f").get(doc)).contains(json("1"));
        assertThat(FieldPath.parse("e.f").get(doc)).isEmpty();
        assertThat(FieldPath.parse("a").get(doc)).contains(doc.get("a"));
    }
}
