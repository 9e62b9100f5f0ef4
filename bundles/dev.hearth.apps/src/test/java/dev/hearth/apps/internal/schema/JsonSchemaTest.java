package dev.hearth.apps.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonSchemaTest {
    private static final String TODO = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"A todo","type":"object",
             "required":["title"],"additionalProperties":false,
             "properties":{
               "title":{"type":"string","minLength":1,"maxLength":5,"format":"whatever"},
               "done":{"type":"boolean"},
               "priority":{"type":"integer","minimum":1,"exclusiveMaximum":4},
               "tag":{"enum":["home","work",1]},
               "kind":{"const":"todo"},
               "code":{"type":"string","pattern":"^[A-Z]{2}$"},
               "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":2},
               "note":{"type":["string","null"]},
               "weight":{"type":"number","maximum":2.5,"exclusiveMinimum":0}}}
            """;

    private static JsonSchema schema(String json) throws Exception {
        return JsonSchema.compile(Json.mapper().readTree(json));
    }

    private static List<String> violations(String schema, String doc) throws Exception {
        return schema(schema).violations((ObjectNode) Json.mapper().readTree(doc));
    }

    @Test
    void aValidDocumentHasNoViolationAndSpecialMembersAreLeftOut() throws Exception {
        assertThat(violations(
                        TODO,
                        "{\"_id\":\"x\",\"_rev\":\"1-a\",\"title\":\"milk\",\"done\":false,\"priority\":3.0,"
                                + "\"tag\":1.0,\"kind\":\"todo\",\"code\":\"AB\",\"tags\":[\"a\"],\"note\":null,"
                                + "\"weight\":2.5}"))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|/: missing required property 'title' (required)",
                "{\"title\":3}|/title: expected string, found integer (type)",
                "{\"title\":\"\"}|/title: 0 characters, minLength is 1 (minLength)",
                "{\"title\":\"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\"}"
                        + "|/title: 6 characters, maxLength is 5 (maxLength)",
                "{\"title\":\"a\",\"extra\":1}|/extra: property not allowed (additionalProperties)",
                "{\"title\":\"a\",\"priority\":1.5}|/priority: expected integer, found number (type)",
                "{\"title\":\"a\",\"priority\":0}|/priority: 0 is out of bounds, minimum is 1 (minimum)",
                "{\"title\":\"a\",\"priority\":4}|/priority: 4 is out of bounds, exclusiveMaximum is 4 (exclusiveMaximum)",
                "{\"title\":\"a\",\"weight\":0}|/weight: 0 is out of bounds, exclusiveMinimum is 0 (exclusiveMinimum)",
                "{\"title\":\"a\",\"weight\":2.6}|/weight: 2.6 is out of bounds, maximum is 2.5 (maximum)",
                "{\"title\":\"a\",\"tag\":\"play\"}|/tag: not one of the allowed values (enum)",
                "{\"title\":\"a\",\"kind\":\"note\"}|/kind: must be \"todo\" (const)",
                "{\"title\":\"a\",\"code\":\"abc\"}|/code: does not match the pattern ^[A-Z]{2}$ (pattern)",
                "{\"title\":\"a\",\"tags\":[]}|/tags: 0 items, minItems is 1 (minItems)",
                "{\"title\":\"a\",\"tags\":[\"a\",\"b\",\"c\"]}|/tags: 3 items, maxItems is 2 (maxItems)",
                "{\"title\":\"a\",\"tags\":[\"a\",2]}|/tags/1: expected string, found integer (type)",
                "{\"title\":\"a\",\"note\":false}|/note: expected string or null, found boolean (type)",
            })
    void eachKeywordNamesThePathAndItself(String doc, String expected) throws Exception {
        assertThat(violations(TODO, doc)).containsExactly(expected);
    }

    @Test
    void everyViolationIsReportedAndNamesAreEscapedAsPointers() throws Exception {
        String schema = "{\"properties\":{\"a/b\":{\"type\":\"string\"},\"c\":{\"properties\":{\"d\":false}}}}";
        assertThat(violations(schema, "{\"a/b\":1,\"c\":{\"d\":0}}"))
                .containsExactly("/a~1b: expected string, found integer (type)", "/c/d: not allowed (false)");
        assertThat(violations("true", "{\"anything\":[1]}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"$ref\":\"#/x\"}|at /$ref: the keyword is not in the subset",
                "{\"properties\":{\"a\":{\"allOf\":[]}}}|at /properties/a/allOf: the keyword is not in the subset",
                "{\"type\":\"text\"}|at /type: must be a type name",
                "{\"minLength\":-1}|at /minLength: must be a non-negative integer",
                "{\"pattern\":\"(\"}|at /pattern: is not a valid regular expression",
                "{\"required\":[1]}|at /required: must be an array of strings",
                "{\"items\":3}|at /items: a schema must be an object or a boolean",
                "[]|at the root: a schema must be an object or a boolean",
            })
    void aSchemaOutsideTheSubsetIsRefusedWithItsPlace(String json, String message) {
        assertThatThrownBy(() -> schema(json))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith(message);
    }
}
