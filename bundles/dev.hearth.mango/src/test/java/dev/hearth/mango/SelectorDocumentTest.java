package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole selectors against whole documents: missing fields, null values, nested and dotted paths,
 * array indexes, negations pushed down to fields, top-level combinators and the {@code _id} field.
 */
class SelectorDocumentTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // a missing field matches nothing but $exists: false, even negated conditions
                row("{}", "{}", true),
                row("{x: 1}", "{}", false),
                row("{x: {$ne: 1}}", "{}", false),
                row("{x: {$nin: [1]}}", "{}", false),
                row("{x: {$gt: null}}", "{}", false),
                row("{x: {$exists: false}}", "{}", true),
                row("{x: {$exists: true}}", "{}", false),
                row("{x: {$not: {$eq: 0}}}", "{}", false),
                row("{$not: {x: 5}}", "{}", false),
                row("{$not: {x: {$exists: true}}}", "{}", true),
                row("{x: {$not: {$regex: 'a'}}}", "{}", false),
                row("{x: {$not: {$size: 1}}}", "{}", false),
                row("{x: {$not: {$exists: true, $eq: 0}}}", "{}", true),
                row("{x: {$not: {$exists: true, $eq: 0}}}", "{x: 1}", true),
                row("{x: {$not: {$exists: true, $eq: 0}}}", "{x: 0}", false),
                // null is a present value
                row("{x: null}", "{x: null}", true),
                row("{x: null}", "{}", false),
                row("{x: {$exists: true}}", "{x: null}", true),
                row("{x: {$lt: 1}}", "{x: null}", true),
                row("{x: {$type: 'null'}}", "{}", false),
                // empty combinators are true, even for a missing field, and so are their negations
                row("{x: {$and: []}}", "{}", true),
                row("{x: {$or: []}}", "{}", true),
                row("{x: {$nor: []}}", "{}", true),
                row("{x: {$not: {$and: []}}}", "{}", true),
                row("{x: {$not: {$or: []}}}", "{}", true),
                row("{$or: []}", "{a: 1}", true),
                row("{x: {$and: [{$gt: 3}, {$lt: 7}]}}", "{}", false),
                row("{x: {$not: {$and: [{$gt: 3}, {$lt: 7}]}}}", "{}", false),
                row("{x: {$not: {$or: [{$lt: 3}, {$gt: 7}]}}}", "{}", false),
                // an inner empty object matches only an empty object; its negation needs a value
                row("{x: {}}", "{x: {}}", true),
                row("{x: {}}", "{x: {a: 1}}", false),
                row("{x: {}}", "{x: []}", false),
                row("{x: {}}", "{}", false),
                row("{$not: {x: {}}}", "{x: []}", true),
                row("{$not: {x: {}}}", "{x: {a: 1}}", true),
                row("{$not: {x: {}}}", "{}", false),
                // nested objects and dotted paths; \. is a dot inside a name
                row("{'a.b': 1}", "{a: {b: 1}}", true),
                row("{a: {b: 1}}", "{a: {b: 1}}", true),
                row("{a: {b: 1, c: 2}}", "{a: {b: 1}}", false),
                row("{a: {b: 1, c: 2}}", "{a: {b: 1, c: 2, d: 3}}", true),
                row("{'a.b': 1}", "{'a.b': 1}", false),
                row("{'a\\\\.b': 1}", "{'a.b': 1}", true),
                row("{'a\\\\.b': 1}", "{a: {b: 1}}", false),
                row("{'a.b\\\\.c': 1}", "{a: {'b.c': 1}}", true),
                row("{'a.b.c': {$exists: true}}", "{a: {b: {c: null}}}", true),
                row("{a: {'b.c': 1}}", "{a: {b: {c: 1}}}", true),
                // array elements by index; a path through a scalar matches nothing, not even $exists: false
                row("{'tags.0': 'a'}", "{tags: ['a', 'b']}", true),
                row("{'tags.1': 'a'}", "{tags: ['a', 'b']}", false),
                row("{'a.0.b': 1}", "{a: [{b: 1}]}", true),
                row("{'tags.5': {$exists: false}}", "{tags: ['a']}", false),
                row("{'tags.-1': 'a'}", "{tags: ['a']}", false),
                row("{'tags.x': {$exists: false}}", "{tags: ['a']}", false),
                row("{'a.b': {$exists: false}}", "{a: 5}", false),
                row("{'a.b': {$exists: false}}", "{a: {}}", true),
                row("{'a.b': {$exists: false}}", "{}", true),
                // equality is not membership (CouchDB): use $elemMatch, $all or $in for arrays
                row("{tags: 'a'}", "{tags: ['a', 'b']}", false),
                row("{tags: ['a', 'b']}", "{tags: ['a', 'b']}", true),
                row("{tags: {$elemMatch: {$eq: 'a'}}}", "{tags: ['a', 'b']}", true),
                row("{tags: {$all: ['a']}}", "{tags: ['a', 'b']}", true),
                row("{tags: {$in: ['a']}}", "{tags: ['a', 'b']}", true),
                // comparisons across types follow collation: strings sort after numbers
                row("{age: {$gt: 20}}", "{age: '30'}", true),
                row("{age: {$lt: 20}}", "{age: '10'}", false),
                // implicit and explicit $and, $or, $nor and $not at the top
                row("{a: 1, b: 2}", "{a: 1, b: 2}", true),
                row("{a: 1, b: 2}", "{a: 1}", false),
                row("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 2}", true),
                row("{$or: [{a: 1}, {b: 2}]}", "{b: 2}", true),
                row("{$or: [{a: 1}, {b: 2}]}", "{c: 3}", false),
                row("{$nor: [{a: 1}, {b: 2}]}", "{a: 2, b: 3}", true),
                row("{$nor: [{a: 1}, {b: 2}]}", "{}", false),
                row("{$not: {a: {$gt: 10}}}", "{a: 5}", true),
                row("{$not: {a: {$gt: 10}}}", "{}", false),
                row("{$not: {$and: [{a: 1}, {b: 2}]}}", "{a: 1}", false),
                row("{$not: {$and: [{a: 1}, {b: 2}]}}", "{a: 1, b: 3}", true),
                row("{$not: {$or: [{a: 1}, {b: 2}]}}", "{a: 2, b: 3}", true),
                row("{$not: {$not: {a: 1}}}", "{a: 1}", true),
                row("{$not: {$nor: [{a: 1}, {b: 2}]}}", "{b: 2}", true),
                row("{a: 1, $or: [{b: 1}, {c: 1}]}", "{a: 1, c: 1}", true),
                // element selectors: fields inside are relative to the element; $not there is literal
                row(
                        "{items: {$elemMatch: {name: 'x', qty: {$gt: 2}}}}",
                        "{items: [{name: 'x', qty: 1}, {name: 'y', qty: 5}]}",
                        false),
                row(
                        "{items: {$elemMatch: {name: 'x', qty: {$gt: 2}}}}",
                        "{items: [{name: 'y'}, {name: 'x', qty: 3}]}",
                        true),
                row("{items: {$elemMatch: {$not: {name: 'x'}}}}", "{items: [{qty: 1}]}", true),
                row("{items: {$elemMatch: {$nor: [{name: 'x'}]}}}", "{items: [{name: 'y'}]}", true),
                row("{items: {$allMatch: {done: true}}}", "{items: []}", false),
                row("{items: {$allMatch: {done: true}}}", "{items: [{done: true}, {done: true}]}", true),
                row(
                        "{items: {$elemMatch: {tags: {$elemMatch: {$eq: 'b'}}}}}",
                        "{items: [{tags: ['a']}, {tags: ['b']}]}",
                        true),
                row("{metadata: {$keyMapMatch: {$beginsWith: 'created'}}}", "{metadata: {createdAt: 1}}", true),
                // _id compares in raw (code point) order, other strings by collation
                row("{_id: {$gt: 'Z'}}", "{_id: 'a'}", true),
                row("{name: {$gt: 'Z'}}", "{name: 'a'}", false),
                row("{_id: {$lt: 'b'}}", "{_id: 'B'}", true),
                row("{name: {$lt: 'b'}}", "{name: 'B'}", false),
                row("{_id: {$in: ['a']}}", "{_id: 'a'}", true),
                // documents that are not objects match no field condition
                row("{x: 1}", "[1]", false),
                row("{x: {$exists: false}}", "5", false));
    }

    private static Arguments row(String selector, String document, boolean expected) {
        return Arguments.of(selector, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("cases")
    void matches(String selector, String document, boolean expected) {
        assertThat(Selector.parse(json(selector)).matches(json(document))).isEqualTo(expected);
    }
}
