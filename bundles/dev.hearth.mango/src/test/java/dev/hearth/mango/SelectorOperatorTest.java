package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value operator, as a table of (condition, value of {@code x}, expected). Each row is
 * checked twice: {@code {"x": condition}} on {@code {"x": value}} must give the expected result,
 * and {@code {"x": {"$not": condition}}} the opposite (the field being present, negation is exact).
 */
class SelectorOperatorTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // $eq: by collation, so 5 equals 5.0; arrays and objects deeply; never by membership
                row("{$eq: 5}", "5", true),
                row("{$eq: 5}", "5.0", true),
                row("{$eq: 5}", "6", false),
                row("{$eq: 5}", "'5'", false),
                row("{$eq: 5}", "[5]", false),
                row("{$eq: 5}", "null", false),
                row("5", "5", true),
                row("{$eq: 'hello'}", "'hello'", true),
                row("{$eq: 'hello'}", "'help'", false),
                row("{$eq: 'hello'}", "'Hello'", false),
                row("{$eq: [1, [2, 3, 4], 5]}", "[1, [2, 3, 4], 5]", true),
                row("{$eq: [1, [2, 3, 4], 5]}", "[1, [2, 3, 4]]", false),
                row("{$eq: [1, [2, 3, 4], 5]}", "[1, [2, 3, 4], 5, 6]", false),
                row("{$eq: [1, [2, 3, 4], 5]}", "[1, [2, 7, 4], 5]", false),
                row("{$eq: {a: {b: {c: 7}}}}", "{a: {b: {c: 7}}}", true),
                row("{$eq: {a: {b: {c: 7}}}}", "{a: {b: {c: 8}}}", false),
                row("{$eq: {a: {b: {c: 7}}}}", "{a: {b: {d: 7}}}", false),
                row("{$eq: {a: 1, b: 2}}", "{b: 2, a: 1}", false), // member order matters, as in CouchDB
                row("{$eq: null}", "null", true),
                row("{$eq: null}", "false", false),
                row("{$eq: 'a'}", "['a']", false),
                // $ne
                row("{$ne: 5}", "5", false),
                row("{$ne: 5}", "6", true),
                row("{$ne: 5}", "'5'", true),
                row("{$ne: 5}", "null", true),
                row("{$ne: [1, 2]}", "[1, 2]", false),
                row("{$ne: [1, 2]}", "[1]", true),
                // $lt, $lte, $gt, $gte within a type
                row("{$lt: 5}", "4", true),
                row("{$lt: 5}", "5", false),
                row("{$lt: 5}", "6", false),
                row("{$lte: 5}", "5.0", true),
                row("{$gt: 5}", "5", false),
                row("{$gt: 5}", "6", true),
                row("{$gte: 5}", "5", true),
                row("{$gte: 5}", "4.999", false),
                row("{$lt: 'hello'}", "'held'", true),
                row("{$lt: 'hello'}", "'hello'", false),
                row("{$lt: 'hello'}", "'help'", false),
                row("{$gte: 'hello'}", "'help'", true),
                row("{$lt: 'b'}", "'B'", false), // collation: b < B
                row("{$lt: 'B'}", "'b'", true),
                row("{$gte: 'a'}", "'A'", true),
                row("{$lt: [1, 2, 3]}", "[1, 2, 2]", true),
                row("{$lt: [1, 2, 3]}", "[1, 2]", true),
                row("{$lt: [1, 2, 3]}", "[1, 2, 3]", false),
                row("{$lt: [1, 2, 3]}", "[1, 2, 4]", false),
                row("{$lt: [1, 2, 3]}", "[1, 3]", false),
                row("{$gte: [1, 2, 3]}", "[1, 3]", true),
                row("{$lt: {b: 1}}", "{a: 9}", true),
                // ... and across types, by collation: null < false < true < numbers < strings < arrays < objects
                row("{$gt: null}", "null", false),
                row("{$gt: null}", "false", true),
                row("{$gt: null}", "0", true),
                row("{$gt: null}", "''", true),
                row("{$gt: null}", "[]", true),
                row("{$gt: null}", "{}", true),
                row("{$lt: 5}", "null", true),
                row("{$lt: 5}", "true", true),
                row("{$lt: 5}", "'4'", false),
                row("{$gt: 20}", "'10'", true),
                row("{$gt: 20}", "[1]", true),
                row("{$lt: 'a'}", "99", true),
                row("{$gt: []}", "{}", true),
                row("{$gt: []}", "'zzz'", false),
                row("{$lte: false}", "true", false),
                // $in: an array value matches when one of its elements is in the list
                row("{$in: []}", "0", false),
                row("{$in: []}", "[]", false),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "42", true),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "false", true),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "'bar'", true),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "{b: 2}", true),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "43", false),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "true", false),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "'bars'", false),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "{b: 2, c: 3}", false),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "[0, 42]", true),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "[0, {b: 2}]", true),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "[['nested'], 'list']", false),
                row("{$in: [42, false, 'bar', [['nested'], 'list'], {b: 2}]}", "[0, [['nested'], 'list']]", true),
                row("{$in: [1]}", "1.0", true),
                row("{$in: [null]}", "null", true),
                // $nin
                row("{$nin: []}", "0", true),
                row("{$nin: [42, 'bar']}", "42", false),
                row("{$nin: [42, 'bar']}", "43", true),
                row("{$nin: [42, 'bar']}", "[0, 42]", false),
                row("{$nin: [42, 'bar']}", "[0, 43]", true),
                row("{$nin: [[1, 2]]}", "[1, 2]", true),
                // $exists on a present field (missing fields: see SelectorDocumentTest)
                row("{$exists: true}", "null", true),
                row("{$exists: true}", "false", true),
                row("{$exists: false}", "0", false),
                // $type
                row("{$type: 'null'}", "null", true),
                row("{$type: 'null'}", "false", false),
                row("{$type: 'null'}", "{}", false),
                row("{$type: 'boolean'}", "true", true),
                row("{$type: 'boolean'}", "false", true),
                row("{$type: 'boolean'}", "0", false),
                row("{$type: 'number'}", "42", true),
                row("{$type: 'number'}", "3.14", true),
                row("{$type: 'number'}", "true", false),
                row("{$type: 'number'}", "[1]", false),
                row("{$type: 'number'}", "'1'", false),
                row("{$type: 'string'}", "''", true),
                row("{$type: 'string'}", "[]", false),
                row("{$type: 'array'}", "[]", true),
                row("{$type: 'array'}", "[1, 2]", true),
                row("{$type: 'array'}", "{}", false),
                row("{$type: 'array'}", "'hi'", false),
                row("{$type: 'object'}", "{}", true),
                row("{$type: 'object'}", "{a: 1}", true),
                row("{$type: 'object'}", "[{a: 1}]", false),
                row("{$type: 'object'}", "null", false),
                // $size: arrays only
                row("{$size: 3}", "3", false),
                row("{$size: 3}", "'fun'", false),
                row("{$size: 3}", "[0, 0, 0]", true),
                row("{$size: 3}", "[0, 0]", false),
                row("{$size: 3}", "[0, 0, 0, 0]", false),
                row("{$size: 0}", "[]", true),
                row("{$size: 0}", "{}", false),
                // $mod: integers only, remainder with the sign of the dividend (Erlang rem)
                row("{$mod: [28, 1]}", "1", true),
                row("{$mod: [28, 1]}", "29", true),
                row("{$mod: [28, 1]}", "57", true),
                row("{$mod: [28, 1]}", "58", false),
                row("{$mod: [28, 1]}", "'57'", false),
                row("{$mod: [28, 1]}", "29.0", false),
                row("{$mod: [28, 1]}", "-27", false),
                row("{$mod: [28, -27]}", "-27", true),
                row("{$mod: [-3, 1]}", "4", true),
                row("{$mod: [2, 0]}", "100000000000000000000", true),
                row("{$mod: [2, 1]}", "[1]", false),
                // $regex: strings only, searched anywhere unless anchored
                row("{$regex: '^[0-9a-f]+$'}", "''", false),
                row("{$regex: '^[0-9a-f]+$'}", "'3a0df5e'", true),
                row("{$regex: '^[0-9a-f]+$'}", "'3a0gf5e'", false),
                row("{$regex: '^[0-9a-f]+$'}", "42", false),
                row("{$regex: 'b'}", "'abc'", true),
                row("{$regex: '(?i)^A'}", "'apple'", true),
                row("{$regex: 'a'}", "['a']", false),
                row("{$regex: '^(a+)+$'}", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'", false), // backtracking bounded
                // $beginsWith: strings only, case-sensitive
                row("{$beginsWith: 'foo'}", "'foo'", true),
                row("{$beginsWith: 'foo'}", "'food'", true),
                row("{$beginsWith: 'foo'}", "'more food'", false),
                row("{$beginsWith: 'foo'}", "'fo'", false),
                row("{$beginsWith: 'foo'}", "'Foo'", false),
                row("{$beginsWith: 'foo'}", "42", false),
                // $all: arrays holding every value; [[list]] also matches the list itself
                row("{$all: []}", "[]", false),
                row("{$all: []}", "[42]", false),
                row("{$all: []}", "{}", false),
                row("{$all: [1, 2, 3, 4]}", "[3, 2, 4, 1]", true),
                row("{$all: [1, 2, 3, 4]}", "[0, 4, 3, 5, 2, 1, 6]", true),
                row("{$all: [1, 2, 3, 4]}", "[3, 2, 4]", false),
                row("{$all: [1, 2, 3, 4]}", "[]", false),
                row("{$all: [[1, 2, 3, 4]]}", "[1, 2, 3, 4]", true),
                row("{$all: [[1, 2, 3, 4]]}", "[4, 3, 2, 1]", false),
                row("{$all: [[1, 2, 3, 4]]}", "[5, [1, 2, 3, 4], 6]", true),
                row("{$all: [[1, 2, 3, 4]]}", "[5, [1, 3, 4], 6]", false),
                row("{$all: ['hello']}", "'hello'", false),
                row("{$all: ['hello']}", "['hello']", true),
                row("{$all: ['hello']}", "[0, 'hello', 1]", true),
                row("{$all: [{a: 1}]}", "[{a: 1}]", true),
                row("{$all: [{a: 1}]}", "[{a: 1, b: 2}]", false),
                row("{$all: [1]}", "[1.0]", true),
                // $elemMatch: one element matches the whole sub-selector
                row("{$elemMatch: {$eq: 0}}", "[]", false),
                row("{$elemMatch: {$eq: 0}}", "[0]", true),
                row("{$elemMatch: {$eq: 0}}", "[1]", false),
                row("{$elemMatch: {$eq: 0}}", "[0, 1]", true),
                row("{$elemMatch: {$eq: 0}}", "0", false),
                row("{$elemMatch: {$ne: 0}}", "[]", false),
                row("{$elemMatch: {$ne: 0}}", "[0]", false),
                row("{$elemMatch: {$ne: 0}}", "[0, 1]", true),
                row("{$elemMatch: {$gte: 80, $lt: 85}}", "[70, 90]", false),
                row("{$elemMatch: {$gte: 80, $lt: 85}}", "[70, 82]", true),
                row("{$elemMatch: {a: 1, b: 2}}", "[{a: 1}, {b: 2}]", false),
                row("{$elemMatch: {a: 1, b: 2}}", "[{a: 1, b: 2}]", true),
                row("{$elemMatch: {}}", "[{}, 1]", true),
                row("{$elemMatch: {}}", "[{a: 1}]", false),
                // $allMatch: a non-empty array whose elements all match
                row("{$allMatch: {$eq: 0}}", "[]", false),
                row("{$allMatch: {$eq: 0}}", "[0]", true),
                row("{$allMatch: {$eq: 0}}", "[1]", false),
                row("{$allMatch: {$eq: 0}}", "[0, 1]", false),
                row("{$allMatch: {$eq: 0}}", "[0, 0.0]", true),
                row("{$allMatch: {$eq: 0}}", "0", false),
                row("{$allMatch: {a: {$gt: 1}}}", "[{a: 2}, {a: 3}]", true),
                row("{$allMatch: {a: {$gt: 1}}}", "[{a: 2}, {b: 3}]", false),
                // $keyMapMatch: one key of an object matches
                row("{$keyMapMatch: {$regex: '^[a-z]+$'}}", "{hello: 0}", true),
                row("{$keyMapMatch: {$regex: '^[a-z]+$'}}", "{a: 1, b: 2}", true),
                row("{$keyMapMatch: {$regex: '^[a-z]+$'}}", "{a: 1, b4: 2}", true),
                row("{$keyMapMatch: {$regex: '^[a-z]+$'}}", "{b4: 2}", false),
                row("{$keyMapMatch: {$regex: '^[a-z]+$'}}", "{}", false),
                row("{$keyMapMatch: {$regex: '^[a-z]+$'}}", "'abc'", false),
                row("{$keyMapMatch: {$eq: 'io.cozy.files'}}", "{'io.cozy.files': {}}", true),
                // combinators inside a field
                row("{$and: [{$gt: 3}, {$lt: 7}]}", "6", true),
                row("{$and: [{$gt: 3}, {$lt: 7}]}", "2", false),
                row("{$and: [{$gt: 3}, {$lt: 7}]}", "9", false),
                row("{$gt: 3, $lt: 7}", "6", true),
                row("{$gt: 3, $lt: 7}", "7", false),
                row("{$or: [{$lt: 3}, {$gt: 7}]}", "6", false),
                row("{$or: [{$lt: 3}, {$gt: 7}]}", "2", true),
                row("{$or: [1, 2]}", "2", true),
                row("{$or: [1, 2]}", "3", false),
                row("{$nor: [{$lt: 3}, {$gt: 7}]}", "6", true),
                row("{$nor: [{$lt: 3}, {$gt: 7}]}", "2", false),
                row("{$not: {$in: [1, 2]}}", "3", true),
                // an object condition names sub-fields; an empty object is equality with {}
                row("{a: 1}", "{a: 1, b: 2}", true),
                row("{a: 1}", "{a: 2}", false),
                row("{a: 1}", "{a: [1]}", false),
                row("{a: {b: {$gt: 1}}}", "{a: {b: 2}}", true),
                row("{}", "{}", true),
                row("{}", "{a: 1}", false),
                row("{}", "[]", false));
    }

    private static Arguments row(String condition, String value, boolean expected) {
        return Arguments.of(condition, value, expected);
    }

    @ParameterizedTest(name = "'{'x: {0}'}' on '{'x: {1}'}' -> {2}")
    @MethodSource("cases")
    void matchesAndNegationIsExact(String condition, String value, boolean expected) {
        JsonNode document = doc(json(value));
        assertThat(Selector.parse(field(json(condition))).matches(document)).isEqualTo(expected);
        ObjectNode negated = JsonNodeFactory.instance.objectNode();
        JsonNode c = json(condition);
        negated.set(
                "$not", c.isObject() ? c : JsonNodeFactory.instance.objectNode().set("$eq", c));
        assertThat(Selector.parse(field(negated)).matches(document))
                .as("negated")
                .isEqualTo(!expected);
    }

    private static JsonNode field(JsonNode condition) {
        return JsonNodeFactory.instance.objectNode().set("x", condition);
    }

    private static JsonNode doc(JsonNode value) {
        return JsonNodeFactory.instance.objectNode().put("_id", "doc").set("x", value);
    }
}
