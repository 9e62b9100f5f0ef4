package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SortTest {
    @Test
    void parsesFieldsAndTheirDirection() {
        Sort sort = Sort.parse(json("['a', {b: 'asc'}, {'c.d': 'asc'}]"));
        assertThat(sort.fields()).containsExactly("a", "b", "c.d");
        assertThat(sort.paths().get(2).segments()).containsExactly("c", "d");
        assertThat(sort.direction()).isEqualTo(Sort.Direction.ASC);
        assertThat(sort.isEmpty()).isFalse();
        assertThat(sort.toJson()).isEqualTo(json("[{a: 'asc'}, {b: 'asc'}, {'c.d': 'asc'}]"));

        Sort desc = Sort.parse(json("[{a: 'desc'}, {b: 'desc'}]"));
        assertThat(desc.direction()).isEqualTo(Sort.Direction.DESC);
        assertThat(desc).hasToString("[{\"a\":\"desc\"},{\"b\":\"desc\"}]");

        assertThat(Sort.parse(json("[]")).isEmpty()).isTrue();
        assertThat(Sort.none().direction()).isEqualTo(Sort.Direction.ASC);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{a: 'asc'}              | Sort must be an array of sort specs, not: {\"a\":\"asc\"}",
                "'a'                     | Sort must be an array of sort specs, not: \"a\"",
                "['a', {b: 'desc'}]      | Sorts currently only support a single direction for all fields.",
                "[{a: 'desc'}, 'b']      | Sorts currently only support a single direction for all fields.",
                "['']                    | Invalid sort field: \"\"",
                "[1]                     | Invalid sort field: 1",
                "[{a: 'up'}]             | Invalid sort field: {\"a\":\"up\"}",
                "[{a: 'asc', b: 'asc'}]  | Invalid sort field: {\"a\":\"asc\",\"b\":\"asc\"}",
                "[{}]                    | Invalid sort field: {}",
                "['a..b']                | Invalid field name: a..b",
            })
    void refusesInvalidSpecifications(String spec, String reason) {
        assertThatThrownBy(() -> Sort.parse(json(spec)))
                .isInstanceOf(MangoException.class)
                .hasMessage(reason);
    }

    @Test
    void sortsDocumentsByCollationWithMissingFieldsFirst() {
        List<JsonNode> docs = new ArrayList<>(List.of(
                json("{a: 'b', n: 1}"),
                json("{a: 'B', n: 2}"),
                json("{n: 3}"),
                json("{a: 'a', n: 4}"),
                json("{a: 'b', n: 0}"),
                json("{a: 10, n: 5}")));
        docs.sort(Sort.parse(json("['a', 'n']")).documentComparator());
        assertThat(docs.stream().map(d -> d.get("n").intValue())).containsExactly(3, 5, 4, 0, 1, 2);
        docs.sort(Sort.parse(json("[{a: 'desc'}, {n: 'desc'}]")).documentComparator());
        assertThat(docs.stream().map(d -> d.get("n").intValue())).containsExactly(2, 1, 0, 4, 5, 3);
    }

    @Test
    void refusesInvalidFieldNames() {
        String tooLong = "z".repeat(50_001);
        for (String spec : List.of("['a.b..c']", "[{'a..b': 'asc'}]", "['" + tooLong + "']")) {
            assertThatThrownBy(() -> Sort.parse(json(spec)))
                    .isInstanceOfSatisfying(
                            MangoException.class, e -> assertThat(e.error()).isEqualTo("invalid_field_name"));
        }
        for (String fields : List.of("['a.b..c']", "['" + tooLong + "']")) {
            assertThatThrownBy(() -> Projection.parse(json(fields)))
                    .isInstanceOfSatisfying(
                            MangoException.class, e -> assertThat(e.error()).isEqualTo("invalid_field_name"));
        }
    }
}
