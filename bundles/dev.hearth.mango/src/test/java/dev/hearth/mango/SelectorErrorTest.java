package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid selectors and the exact CouchDB-style error and reason each one gives. */
class SelectorErrorTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                row("[]", "invalid_selector_json", "Selector must be a JSON object, not: []"),
                row("5", "invalid_selector_json", "Selector must be a JSON object, not: 5"),
                row("null", "invalid_selector_json", "Selector must be a JSON object, not: null"),
                row("'x'", "invalid_selector_json", "Selector must be a JSON object, not: \"x\""),
                row("{$foo: 1}", "invalid_operator", "Invalid operator: $foo"),
                row("{x: {$foo: 1}}", "invalid_operator", "Invalid operator: $foo"),
                row("{x: {$elemMatch: {$bar: 1}}}", "invalid_operator", "Invalid operator: $bar"),
                row("{$where: 'this.a > 1'}", "not_supported", "Unsupported operator: $where"),
                row("{x: {$near: [0, 0]}}", "not_supported", "Unsupported operator: $near"),
                row("{$text: 'hello'}", "not_supported", "Unsupported operator: $text"),
                row("{$and: {}}", "bad_arg", "Bad argument for operator $and: {}"),
                row("{$or: 1}", "bad_arg", "Bad argument for operator $or: 1"),
                row("{$nor: 'a'}", "bad_arg", "Bad argument for operator $nor: \"a\""),
                row("{$not: []}", "bad_arg", "Bad argument for operator $not: []"),
                row("{x: {$not: 1}}", "bad_arg", "Bad argument for operator $not: 1"),
                row("{x: {$in: 1}}", "bad_arg", "Bad argument for operator $in: 1"),
                row("{x: {$nin: {}}}", "bad_arg", "Bad argument for operator $nin: {}"),
                row("{x: {$all: 'a'}}", "bad_arg", "Bad argument for operator $all: \"a\""),
                row("{x: {$exists: 'true'}}", "bad_arg", "Bad argument for operator $exists: \"true\""),
                row("{x: {$type: 'integer'}}", "bad_arg", "Bad argument for operator $type: \"integer\""),
                row("{x: {$type: 1}}", "bad_arg", "Bad argument for operator $type: 1"),
                row("{x: {$size: -1}}", "bad_arg", "Bad argument for operator $size: -1"),
                row("{x: {$size: 1.5}}", "bad_arg", "Bad argument for operator $size: 1.5"),
                row("{x: {$size: '1'}}", "bad_arg", "Bad argument for operator $size: \"1\""),
                row("{x: {$mod: [0, 1]}}", "bad_arg", "Bad argument for operator $mod: [0,1]"),
                row("{x: {$mod: [2]}}", "bad_arg", "Bad argument for operator $mod: [2]"),
                row("{x: {$mod: [2, 1, 0]}}", "bad_arg", "Bad argument for operator $mod: [2,1,0]"),
                row("{x: {$mod: [2.5, 1]}}", "bad_arg", "Bad argument for operator $mod: [2.5,1]"),
                row("{x: {$mod: 2}}", "bad_arg", "Bad argument for operator $mod: 2"),
                row("{x: {$regex: '('}}", "bad_arg", "Bad argument for operator $regex: \"(\""),
                row("{x: {$regex: 1}}", "bad_arg", "Bad argument for operator $regex: 1"),
                row("{x: {$beginsWith: 1}}", "bad_arg", "Bad argument for operator $beginsWith: 1"),
                row("{x: {$elemMatch: []}}", "bad_arg", "Bad argument for operator $elemMatch: []"),
                row("{x: {$allMatch: 1}}", "bad_arg", "Bad argument for operator $allMatch: 1"),
                row("{x: {$keyMapMatch: 'a'}}", "bad_arg", "Bad argument for operator $keyMapMatch: \"a\""),
                row("{$gt: 1}", "invalid_selector", "One or more conditions is missing a field name."),
                row("{$not: {$gt: 1}}", "invalid_selector", "One or more conditions is missing a field name."),
                row("{$and: [{$gt: 1}]}", "invalid_selector", "One or more conditions is missing a field name."),
                row("{$or: [{a: 1}, 2]}", "invalid_selector", "One or more conditions is missing a field name."),
                row("{$or: [{}]}", "invalid_selector", "One or more conditions is missing a field name."),
                row("{'': 1}", "invalid_field_name", "Invalid field name: "),
                row("{'a..b': 1}", "invalid_field_name", "Invalid field name: a..b"),
                row("{'.a': 1}", "invalid_field_name", "Invalid field name: .a"),
                row("{'a.': 1}", "invalid_field_name", "Invalid field name: a."),
                row("{x: {'a..b': 1}}", "invalid_field_name", "Invalid field name: a..b"));
    }

    private static Arguments row(String selector, String error, String reason) {
        return Arguments.of(selector, error, reason);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void refusesWithCouchDbReason(String selector, String error, String reason) {
        assertThatThrownBy(() -> Selector.parse(json(selector)))
                .isInstanceOfSatisfying(MangoException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(reason);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.error()).isEqualTo(error);
                })
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesSelectorsNestedTooDeeply() {
        JsonNode selector = json("1");
        for (int i = 0; i < 300; i++) {
            ObjectNode outer = JsonNodeFactory.instance.objectNode();
            outer.set("a", selector);
            selector = outer;
        }
        JsonNode deep = selector;
        assertThatThrownBy(() -> Selector.parse(deep))
                .isInstanceOf(MangoException.class)
                .hasMessage("Selector is nested more than 200 levels deep.");
    }

    @Test
    void refusesFieldPathsTooLongToStoreEvenWhenBuiltFromNestedNames() {
        ObjectNode nested = JsonNodeFactory.instance.objectNode();
        ObjectNode inner = nested;
        for (int i = 0; i < 5; i++) {
            inner = inner.putObject("n" + i + "x".repeat(1000));
        }
        inner.put("$eq", 1);
        assertThatThrownBy(() -> Selector.parse(nested))
                .isInstanceOfSatisfying(
                        MangoException.class, e -> assertThat(e.error()).isEqualTo("invalid_field_name"));
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        flat.put("y".repeat(50_001), 1);
        assertThatThrownBy(() -> Selector.parse(flat)).isInstanceOf(MangoException.class);
    }

    @Test
    void acceptsTheEmptySelectorAndEmptyCombinators() {
        assertThat(Selector.parse(json("{}")).isEmpty()).isTrue();
        assertThat(Selector.parse(json("{$and: []}")).matches(json("{}"))).isTrue();
        assertThat(Selector.parse(json("{x: {$in: []}}")).matches(json("{x: 1}")))
                .isFalse();
    }
}
