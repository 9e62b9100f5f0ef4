package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {
    private static final JsonNode DOC =
            json("{_id: 'x', _rev: '1-a', name: 'N', owner: {name: 'O', age: 3, tags: ['t']},"
                    + " list: [{v: 1}, {v: 2}], 'dotted.key': true, nil: null}");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "['_id', 'name']                   | {_id: 'x', name: 'N'}",
                "['name', '_id']                   | {name: 'N', _id: 'x'}",
                "['owner.name']                    | {owner: {name: 'O'}}",
                "['owner.name', 'owner.age']       | {owner: {name: 'O', age: 3}}",
                "['owner', 'owner.name']           | {owner: {name: 'O', age: 3, tags: ['t']}}",
                "['owner.name', 'owner']           | {owner: {name: 'O', age: 3, tags: ['t']}}",
                "['missing', 'owner.missing']      | {}",
                "['name.sub']                      | {}",
                "['nil']                           | {nil: null}",
                "['list.1.v']                      | {list: {'1': {v: 2}}}",
                "['list', 'list.1.v']              | {list: [{v: 1}, {v: 2}]}",
                "['dotted\\\\.key']                  | {'dotted.key': true}",
                "['owner.tags.0']                  | {owner: {tags: {'0': 't'}}}",
            })
    void keepsOnlyTheListedFields(String fields, String expected) {
        Projection projection = Projection.parse(json(fields));
        assertThat(projection.apply(DOC)).isEqualTo(json(expected));
    }

    @Test
    void emptyListKeepsEverythingAndResultsAreCopies() {
        Projection all = Projection.parse(json("[]"));
        assertThat(all.isAll()).isTrue();
        assertThat(all).isSameAs(Projection.all());
        ObjectNode copy = all.apply(DOC);
        assertThat(copy).isEqualTo(DOC).isNotSameAs(DOC);
        ObjectNode part = Projection.parse(json("['owner']")).apply(DOC);
        ((ObjectNode) part.get("owner")).put("name", "changed");
        assertThat(DOC.get("owner").get("name").textValue()).isEqualTo("O");
        assertThat(Projection.parse(json("['a', 'b.c']")).fields()).containsExactly("a", "b.c");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{a: 1}         | Fields must be an array of strings, not: {\"a\":1}",
                "'a'            | Fields must be an array of strings, not: \"a\"",
                "['a', 1]       | Invalid JSON for field spec: 1",
                "[{a: 1}]       | Invalid JSON for field spec: {\"a\":1}",
                "['a..b']       | Invalid field name: a..b",
            })
    void refusesInvalidFields(String fields, String reason) {
        assertThatThrownBy(() -> Projection.parse(json(fields)))
                .isInstanceOf(MangoException.class)
                .hasMessage(reason);
    }
}
