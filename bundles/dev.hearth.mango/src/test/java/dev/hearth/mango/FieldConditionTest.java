package dev.hearth.mango;

import static dev.hearth.mango.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hearth.mango.FieldCondition.Bound;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldConditionTest {
    private static Map<String, FieldCondition> conditions(String selector) {
        return Selector.parse(json(selector)).andedConditions();
    }

    private static FieldCondition condition(String selector, String field) {
        FieldCondition condition = conditions(selector).get(field);
        assertThat(condition).as("condition on %s", field).isNotNull();
        return condition;
    }

    private static Optional<Bound> bound(String value, boolean inclusive) {
        return Optional.of(new Bound(json(value), inclusive));
    }

    @Test
    void equalityGivesEqualInclusiveBounds() {
        FieldCondition a = condition("{a: 1}", "a");
        assertThat(a.equalTo()).contains(json("1"));
        assertThat(a.lower()).isEqualTo(bound("1", true));
        assertThat(a.upper()).isEqualTo(bound("1", true));
        assertThat(a.exists()).contains(true);
        assertThat(a.in()).isEmpty();
        assertThat(a.isUnsatisfiable()).isFalse();
        assertThat(a.rawOrder()).isFalse();
        assertThat(condition("{a: {$gte: 5, $lte: 5.0}}", "a").equalTo()).contains(json("5"));
    }

    @Test
    void rangesKeepTheTightestBounds() {
        FieldCondition a = condition("{a: {$gt: 1, $lte: 5}}", "a");
        assertThat(a.lower()).isEqualTo(bound("1", false));
        assertThat(a.upper()).isEqualTo(bound("5", true));
        assertThat(a.equalTo()).isEmpty();
        assertThat(condition("{a: {$gte: 1, $gt: 1}}", "a").lower()).isEqualTo(bound("1", false));
        assertThat(condition("{a: {$gt: 1}, $and: [{a: {$gte: 3}}]}", "a").lower())
                .isEqualTo(bound("3", true));
        assertThat(condition("{a: {$lt: 'b', $lte: 'B'}}", "a").upper()).isEqualTo(bound("'b'", false));
        assertThat(condition("{a: {$ne: 1}}", "a").lower()).isEmpty();
    }

    @Test
    void contradictionsAreUnsatisfiable() {
        assertThat(condition("{a: {$lt: 1, $gt: 5}}", "a").isUnsatisfiable()).isTrue();
        assertThat(condition("{a: {$gt: 5, $lte: 5}}", "a").isUnsatisfiable()).isTrue();
        assertThat(condition("{a: 1, $and: [{a: 2}]}", "a").isUnsatisfiable()).isTrue();
        assertThat(condition("{a: {$exists: false, $gt: 1}}", "a").isUnsatisfiable())
                .isTrue();
        assertThat(condition("{a: {$in: []}}", "a").isUnsatisfiable()).isTrue();
        assertThat(condition("{a: {$type: 'number'}, $and: [{a: {$type: 'string'}}]}", "a")
                        .isUnsatisfiable())
                .isTrue();
        assertThat(condition("{a: {$gte: 5, $lte: 5}}", "a").isUnsatisfiable()).isFalse();
    }

    @Test
    void existenceAndInValues() {
        Map<String, FieldCondition> all =
                conditions("{a: {$in: [1, 2, 3]}, b: {$nin: [1]}, c: {$exists: false}, d: {$exists: true}}");
        assertThat(all.keySet()).containsExactly("a", "b", "c", "d");
        assertThat(all.get("a").in()).contains(List.of(json("1"), json("2"), json("3")));
        assertThat(all.get("a").exists()).contains(true);
        assertThat(all.get("b").in()).isEmpty();
        assertThat(all.get("b").exists()).contains(true);
        assertThat(all.get("c").exists()).contains(false);
        assertThat(all.get("c").lower()).isEmpty();
        assertThat(all.get("d").exists()).contains(true);
        assertThat(condition("{a: {$in: [1, 2]}, $and: [{a: {$in: [2]}}]}", "a").in())
                .contains(List.of(json("2")));
    }

    @Test
    void onlyTheTopLevelAndCounts() {
        assertThat(conditions("{$or: [{a: 1}, {b: 2}]}")).isEmpty();
        assertThat(conditions("{a: 1, $or: [{b: 1}, {c: 1}]}").keySet()).containsExactly("a");
        assertThat(conditions("{a: {$elemMatch: {b: 1}}}").keySet()).containsExactly("a");
        assertThat(conditions("{a: {b: 1}}").keySet()).containsExactly("a.b");
        assertThat(conditions("{}")).isEmpty();
        // negations are pushed down first, as CouchDB does before choosing an index
        assertThat(condition("{$not: {a: {$gt: 10}}}", "a").upper()).isEqualTo(bound("10", true));
        assertThat(condition("{$nor: [{a: {$lt: 5}}]}", "a").lower()).isEqualTo(bound("5", true));
        assertThat(conditions("{$not: {$and: [{a: 1}, {b: 1}]}}")).isEmpty();
    }

    @Test
    void beginsWithIsARangeUpToUffff() {
        FieldCondition a = condition("{a: {$beginsWith: 'ab'}}", "a");
        assertThat(a.lower()).isEqualTo(bound("'ab'", true));
        assertThat(a.upper()).contains(new Bound(TextNode.valueOf("ab\uffff"), true));
        FieldCondition id = condition("{_id: {$beginsWith: 'ab'}}", "_id");
        assertThat(id.rawOrder()).isTrue();
        assertThat(id.upper()).contains(new Bound(TextNode.valueOf("ab\udbff\udfff"), true));
    }

    @Test
    void idBoundsUseRawOrder() {
        assertThat(condition("{_id: {$gt: 'a', $lt: 'B'}}", "_id").isUnsatisfiable())
                .isTrue();
        assertThat(condition("{name: {$gt: 'a', $lt: 'B'}}", "name").isUnsatisfiable())
                .isFalse();
        assertThat(condition("{_id: {$type: 'string'}}", "_id").lower()).isEmpty();
    }

    @Test
    void typedOperatorsBoundTheType() {
        Map<String, FieldCondition> all = conditions("{s: {$type: 'string'}, n: {$mod: [2, 0]}, a: {$size: 2}, "
                + "o: {$keyMapMatch: {$eq: 'k'}}, z: {$type: 'null'}, b: {$type: 'boolean'}, r: {$regex: 'x'}}");
        assertThat(all.get("s").lower()).isEqualTo(bound("''", true));
        assertThat(all.get("s").upper()).isEqualTo(bound("[]", false));
        assertThat(all.get("r").lower()).isEqualTo(bound("''", true));
        assertThat(all.get("n").lower()).isEqualTo(bound("true", false));
        assertThat(all.get("n").upper()).isEqualTo(bound("''", false));
        assertThat(all.get("a").lower()).isEqualTo(bound("[]", true));
        assertThat(all.get("a").upper()).isEqualTo(bound("{}", false));
        assertThat(all.get("o").lower()).isEqualTo(bound("{}", true));
        assertThat(all.get("o").upper()).isEmpty();
        assertThat(all.get("z").equalTo()).contains(json("null"));
        assertThat(all.get("b").lower()).isEqualTo(bound("false", true));
        assertThat(all.get("b").upper()).isEqualTo(bound("true", true));
        assertThat(condition("{a: {$type: 'string', $gt: 5}}", "a").lower()).isEqualTo(bound("''", true));
    }

    @Test
    void admitsTheValuesOfMatchingDocuments() {
        FieldCondition a = condition("{a: {$gt: 1, $lt: 5, $in: [2, 3, 9]}}", "a");
        assertThat(a.admits(json("2"))).isTrue();
        assertThat(a.admits(json("[0, 3]"))).isFalse(); // outside the bounds: arrays sort after numbers
        assertThat(a.admits(json("4"))).isFalse();
        assertThat(a.admits(json("9"))).isFalse();
        assertThat(a.admits(null)).isFalse();
        assertThat(condition("{a: {$exists: false}}", "a").admits(null)).isTrue();
        assertThat(condition("{a: {$in: ['x']}}", "a").admits(json("['y', 'x']")))
                .isTrue();
        JsonNode value = json("'ab\u00e9'");
        assertThat(condition("{a: {$beginsWith: 'ab'}}", "a").admits(value)).isTrue();
    }
}
