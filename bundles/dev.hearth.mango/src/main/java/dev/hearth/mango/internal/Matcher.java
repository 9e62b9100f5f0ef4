package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hearth.mango.JsonType;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * Evaluates a normalized selector against a value, with CouchDB's semantics: a missing field
 * matches only {@code $exists: false}; a path through a scalar or a bad array index matches
 * nothing (not even {@code $exists: false}); comparisons use collation, except on the {@code _id}
 * field, which compares in raw (code point) order as CouchDB's {@code _all_docs} does.
 */
public final class Matcher {
    private static final List<String> ID = List.of("_id");

    private Matcher() {}

    /** Whether the value matches the expression. Never throws for any JSON input. */
    public static boolean matches(Expr e, JsonNode value) {
        return switch (e) {
            case Expr.And and -> and.args().stream().allMatch(a -> matches(a, value));
            case Expr.Or or -> or.args().isEmpty() || or.args().stream().anyMatch(a -> matches(a, value));
            case Expr.Nor nor -> nor.args().stream().noneMatch(a -> matches(a, value));
            case Expr.Not not -> !matches(not.arg(), value);
            case Expr.Field field -> field(field, value);
        };
    }

    private static boolean field(Expr.Field field, JsonNode value) {
        Paths.Lookup lookup =
                field.path().isEmpty() ? new Paths.Lookup(value, false) : Paths.lookup(value, field.path());
        JsonNode found = lookup.value();
        if (found == null) {
            return !lookup.badPath() && field.cond() instanceof Cond.Exists exists && !exists.value();
        }
        ToIntBiFunction<JsonNode, JsonNode> cmp = field.path().equals(ID) ? JsonCompare::raw : JsonCompare::collate;
        return test(field.cond(), found, cmp);
    }

    private static boolean test(Cond c, JsonNode v, ToIntBiFunction<JsonNode, JsonNode> cmp) {
        return switch (c) {
            case Cond.Compare compare -> compare.op().test(cmp.applyAsInt(v, compare.arg()));
            case Cond.In in -> in.negated() ? !in(in.values(), v, cmp) : in(in.values(), v, cmp);
            case Cond.Exists exists -> exists.value();
            case Cond.Type type -> JsonType.of(v) == type.type();
            case Cond.Size size -> v.isArray() && BigInteger.valueOf(v.size()).equals(size.size());
            case Cond.Mod mod ->
                v.isIntegralNumber()
                        && Numbers.integer(v).remainder(mod.divisor()).equals(mod.remainder());
            case Cond.Regex regex ->
                JsonType.of(v) == JsonType.STRING && BoundedRegex.find(regex.pattern(), v.asText());
            case Cond.BeginsWith begins ->
                JsonType.of(v) == JsonType.STRING && v.asText().startsWith(begins.prefix());
            case Cond.All all -> all(all.values(), v, cmp);
            case Cond.ElemMatch m -> v.isArray() && any(v.elements(), m.selector());
            case Cond.AllMatch m -> v.isArray() && !v.isEmpty() && every(v.elements(), m.selector());
            case Cond.KeyMapMatch m -> v.isObject() && anyKey(v.fieldNames(), m.selector());
            case Cond.Not not -> !test(not.cond(), v, cmp);
        };
    }

    /** {@code $in}: an array matches when one of its elements equals one of the values. */
    private static boolean in(List<JsonNode> values, JsonNode v, ToIntBiFunction<JsonNode, JsonNode> cmp) {
        if (v.isArray()) {
            for (JsonNode element : v) {
                if (contains(values, element, cmp)) {
                    return true;
                }
            }
            return false;
        }
        return contains(values, v, cmp);
    }

    /**
     * {@code $all}: an array holding every value (an empty list matches nothing); or, when the
     * single value is itself an array, an array equal to it.
     */
    private static boolean all(List<JsonNode> values, JsonNode v, ToIntBiFunction<JsonNode, JsonNode> cmp) {
        if (values.isEmpty() || !v.isArray()) {
            return false;
        }
        boolean holdsAll = true;
        for (JsonNode wanted : values) {
            holdsAll &= contains(v, wanted, cmp);
        }
        return holdsAll || (values.size() == 1 && values.get(0).isArray() && cmp.applyAsInt(values.get(0), v) == 0);
    }

    private static boolean contains(Iterable<JsonNode> values, JsonNode v, ToIntBiFunction<JsonNode, JsonNode> cmp) {
        for (JsonNode candidate : values) {
            if (cmp.applyAsInt(v, candidate) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(Iterator<JsonNode> elements, Expr selector) {
        while (elements.hasNext()) {
            if (matches(selector, elements.next())) {
                return true;
            }
        }
        return false;
    }

    private static boolean every(Iterator<JsonNode> elements, Expr selector) {
        while (elements.hasNext()) {
            if (!matches(selector, elements.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyKey(Iterator<String> keys, Expr selector) {
        while (keys.hasNext()) {
            if (matches(selector, TextNode.valueOf(keys.next()))) {
                return true;
            }
        }
        return false;
    }
}
