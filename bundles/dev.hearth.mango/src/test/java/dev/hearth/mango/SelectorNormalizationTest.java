package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The normalized form of selectors (implicit operators made explicit, negations pushed down) and their fields. */
class SelectorNormalizationTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                row("{}", "{}"),
                row("{x: 1}", "{x: {$eq: 1}}"),
                row("{x: {}}", "{x: {$eq: {}}}"),
                row("{x: 1, y: 2}", "{$and: [{x: {$eq: 1}}, {y: {$eq: 2}}]}"),
                row("{a: {b: 1}}", "{'a.b': {$eq: 1}}"),
                row("{a: {b: 1, c: 2}}", "{$and: [{'a.b': {$eq: 1}}, {'a.c': {$eq: 2}}]}"),
                row("{foo: {bar: {$gt: 10}}}", "{'foo.bar': {$gt: 10}}"),
                row("{foo: {$and: [{$gt: 5}, {$lt: 10}]}}", "{$and: [{foo: {$gt: 5}}, {foo: {$lt: 10}}]}"),
                row("{foo: {$gt: 5, $lt: 10}}", "{$and: [{foo: {$gt: 5}}, {foo: {$lt: 10}}]}"),
                row("{x: {$or: [1, 2]}}", "{$or: [{x: {$eq: 1}}, {x: {$eq: 2}}]}"),
                row("{$not: {foo: {$gt: 10}}}", "{foo: {$lte: 10}}"),
                row(
                        "{$not: {$and: [{foo: {$gt: 10}}, {foo: {$lt: 5}}]}}",
                        "{$or: [{foo: {$lte: 10}}, {foo: {$gte: 5}}]}"),
                row("{$nor: [{a: 1}, {b: {$in: [1]}}]}", "{$and: [{a: {$ne: 1}}, {b: {$nin: [1]}}]}"),
                row("{$not: {$nor: [{a: 1}]}}", "{$or: [{a: {$eq: 1}}]}"),
                row("{$not: {$not: {a: {$lt: 1}}}}", "{a: {$lt: 1}}"),
                row("{a: {$not: {$exists: true}}}", "{a: {$exists: false}}"),
                row("{a: {$not: {$regex: 'x'}}}", "{a: {$not: {$regex: 'x'}}}"),
                row("{a: {$not: {$elemMatch: {$not: {b: 1}}}}}", "{a: {$not: {$elemMatch: {$not: {b: {$eq: 1}}}}}}"),
                row("{'a\\\\.b': 1}", "{'a\\\\.b': {$eq: 1}}"),
                row(
                        "{tags: {$elemMatch: {$gte: 80, $lt: 85}}}",
                        "{tags: {$elemMatch: {$and: [{$gte: 80}, {$lt: 85}]}}}"),
                row("{items: {$elemMatch: {$not: {a: 1}}}}", "{items: {$elemMatch: {$not: {a: {$eq: 1}}}}}"),
                row("{m: {$keyMapMatch: {$beginsWith: 'a'}}}", "{m: {$keyMapMatch: {$beginsWith: 'a'}}}"),
                row(
                        "{x: {$mod: [3, 1], $type: 'number', $size: 2, $all: [1], $exists: true}}",
                        "{$and: [{x: {$mod: [3, 1]}}, {x: {$type: 'number'}}, {x: {$size: 2}}, {x: {$all: [1]}}, {x: {$exists: true}}]}"),
                row("{$or: [], $and: []}", "{$and: [{$or: []}, {$and: []}]}"));
    }

    private static Arguments row(String selector, String normalized) {
        return Arguments.of(selector, normalized);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void normalizesAsCouchDb(String selector, String normalized) {
        Selector parsed = Selector.parse(json(selector));
        assertThat(parsed.normalized()).isEqualTo(json(normalized));
        Selector reparsed = Selector.parse(parsed.normalized());
        assertThat(reparsed.normalized()).as("normalizing is idempotent").isEqualTo(parsed.normalized());
        assertThat(reparsed).isEqualTo(parsed).hasSameHashCodeAs(parsed);
    }

    @Test
    void listsDocumentLevelFieldsInOrderOfFirstUse() {
        assertThat(Selector.parse(json("{}")).fields()).isEmpty();
        assertThat(Selector.parse(json("{a: {$gt: 1, $lt: 5}}")).fields()).containsExactly("a");
        assertThat(Selector.parse(json("{a: 1, $or: [{b: 1}, {'c.d': 2}], e: {$elemMatch: {f: 1}}, $not: {g: 1}}"))
                        .fields())
                .containsExactly("a", "b", "c.d", "e", "g");
        assertThat(Selector.parse(json("{'a\\\\.b': {c: 1}}")).fields()).containsExactly("a\\.b.c");
    }

    @Test
    void printsAsNormalizedJson() {
        assertThat(Selector.parse(json("{a: 1}"))).hasToString("{\"a\":{\"$eq\":1}}");
        assertThat(Selector.matchAll()).hasToString("{}");
    }
}
