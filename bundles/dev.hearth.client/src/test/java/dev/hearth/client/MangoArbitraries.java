package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * jqwik generators of documents and Mango queries over a few fields whose values mix every JSON
 * type or are missing (the same ground as {@link RandomMango}), built from parts that jqwik can
 * shrink: a failing case is reduced to the fewest documents and the smallest selector that
 * still fail.
 */
final class MangoArbitraries {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {"a", "b", "tags", "n.x"};
    private static final String[] STRINGS = {"", "a", "A", "b", "B", "é", "e", "10", "9", "ab", "aB", "z"};
    private static final String[] TYPES = {"null", "boolean", "number", "string", "array", "object"};

    private MangoArbitraries() {}

    static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().between(-2, 4).map(NODES::numberNode),
                Arbitraries.integers().between(0, 4).map(i -> NODES.numberNode(i + 0.5)),
                Arbitraries.of(STRINGS).map(NODES::textNode));
    }

    static Arbitrary<JsonNode> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, scalar()),
                Tuple.of(1, scalar().list().ofMaxSize(3).map(MangoArbitraries::array)),
                Tuple.of(1, scalar().<JsonNode>map(v -> NODES.objectNode().set("x", v))));
    }

    /** A document body: each of a, b, tags and n (an object with or without x) present or not. */
    static Arbitrary<ObjectNode> body() {
        Arbitrary<@Nullable JsonNode> maybe = value().injectNull(0.17);
        Arbitrary<@Nullable JsonNode> n =
                scalar().<JsonNode>map(x -> NODES.objectNode().set("x", x)).injectNull(0.33);
        return Combinators.combine(maybe, maybe, maybe, n).as((a, b, tags, nested) -> {
            ObjectNode doc = NODES.objectNode();
            put(doc, "a", a);
            put(doc, "b", b);
            put(doc, "tags", tags);
            put(doc, "n", nested);
            return doc;
        });
    }

    static Arbitrary<List<ObjectNode>> documents() {
        return body().list().ofMaxSize(40);
    }

    private static void put(ObjectNode doc, String field, @Nullable JsonNode value) {
        if (value != null) {
            doc.set(field, value);
        }
    }

    static Arbitrary<String> field() {
        return Arbitraries.of(FIELDS);
    }

    static Arbitrary<ObjectNode> condition() {
        Arbitrary<ObjectNode> compare = Combinators.combine(
                        Arbitraries.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte"), scalar())
                .as((op, v) -> (ObjectNode) NODES.objectNode().set(op, v));
        Arbitrary<ObjectNode> sets = Combinators.combine(
                        Arbitraries.of("$in", "$nin", "$all"),
                        scalar().list().ofMinSize(1).ofMaxSize(3))
                .as((op, vs) -> (ObjectNode) NODES.objectNode().set(op, array(vs)));
        Arbitrary<ObjectNode> elemMatch = Combinators.combine(Arbitraries.of("$gt", "$eq"), scalar())
                .as((op, v) -> (ObjectNode)
                        NODES.objectNode().set("$elemMatch", NODES.objectNode().set(op, v)));
        return Arbitraries.oneOf(
                compare,
                sets,
                elemMatch,
                Arbitraries.of(true, false).map(b -> NODES.objectNode().put("$exists", b)),
                Arbitraries.of(TYPES).map(t -> NODES.objectNode().put("$type", t)),
                Arbitraries.integers().between(0, 2).map(s -> NODES.objectNode().put("$size", s)),
                Arbitraries.of("^a", "b$").map(r -> NODES.objectNode().put("$regex", r)),
                Arbitraries.integers().between(0, 1).map(r -> {
                    ObjectNode mod = NODES.objectNode();
                    mod.putArray("$mod").add(2).add(r);
                    return mod;
                }));
    }

    static Arbitrary<ObjectNode> selector(int depth) {
        Arbitrary<JsonNode> operand = Arbitraries.frequencyOf(
                Tuple.of(1, scalar()), Tuple.of(3, condition().map(c -> (JsonNode) c)));
        Arbitrary<ObjectNode> fields = Combinators.combine(field(), operand)
                .as(Tuple::of)
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(pairs -> {
                    ObjectNode sel = NODES.objectNode();
                    pairs.forEach(p -> sel.set(p.get1(), p.get2()));
                    return sel;
                });
        Arbitrary<ObjectNode> not = Combinators.combine(field(), condition()).as((f, c) -> {
            ObjectNode sel = NODES.objectNode();
            sel.putObject(f).set("$not", c);
            return sel;
        });
        if (depth >= 2) {
            return Arbitraries.frequencyOf(Tuple.of(3, fields), Tuple.of(1, not));
        }
        Arbitrary<ObjectNode> logical = Combinators.combine(
                        Arbitraries.of("$or", "$and"),
                        Arbitraries.lazy(() -> selector(depth + 1))
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(2))
                .as((op, parts) -> {
                    ObjectNode sel = NODES.objectNode();
                    ArrayNode list = sel.putArray(op);
                    parts.forEach(list::add);
                    return sel;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, fields), Tuple.of(1, not), Tuple.of(2, logical));
    }

    /** A query, for any doctype, as a definition the server and the store both accept. */
    record QuerySpec(
            ObjectNode selector,
            List<String> sortFields,
            boolean descending,
            @Nullable ObjectNode partial,
            @Nullable String extraIndexField,
            int limit,
            int skip) {
        Q on(String doctype) {
            Q q = Q.of(doctype).where(selector);
            if (!sortFields.isEmpty()) {
                q = descending
                        ? q.sortDescBy(sortFields.toArray(String[]::new))
                        : q.sortBy(sortFields.toArray(String[]::new));
            }
            if (partial != null) {
                q = q.partialIndex(partial);
            }
            if (extraIndexField != null) {
                java.util.LinkedHashSet<String> index = new java.util.LinkedHashSet<>(sortFields);
                index.add(extraIndexField);
                q = q.indexFields(index.toArray(String[]::new));
            }
            return q.limitBy(limit).offset(skip);
        }

        boolean valid() {
            try {
                on("io.cozy.check");
                return true;
            } catch (IllegalArgumentException invalid) {
                return false;
            }
        }
    }

    static Arbitrary<QuerySpec> queries() {
        return Combinators.combine(
                        selector(0),
                        field().list().uniqueElements().ofMaxSize(2),
                        Arbitraries.of(true, false),
                        selector(1).injectNull(0.8),
                        field().injectNull(0.8),
                        Arbitraries.frequencyOf(
                                Tuple.of(2, Arbitraries.just(1000)),
                                Tuple.of(1, Arbitraries.integers().between(1, 15))),
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(0)),
                                Tuple.of(1, Arbitraries.integers().between(1, 5))))
                .as(QuerySpec::new)
                .filter(QuerySpec::valid);
    }

    private static JsonNode array(List<JsonNode> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
