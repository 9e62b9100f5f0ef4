package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CouchDB's built-in reduce functions, in Java: {@code _count}; {@code _sum} of numbers, of
 * arrays of numbers (element by element, the shorter padded with zeros) and of objects (member by
 * member, recursively); {@code _stats} ({@code sum}, {@code count}, {@code min}, {@code max},
 * {@code sumsqr}) of numbers or arrays of numbers. Sums that are whole numbers are written as
 * integers, as CouchDB does. Other values fail with 500 {@code builtin_reduce_error}.
 */
final class Builtins {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Builtins() {}

    static JsonNode reduce(String name, List<JsonNode> values, boolean rereduce) {
        return switch (name) {
            case "_count" -> rereduce ? sum(values) : number(values.size());
            case "_sum" -> sum(values);
            case "_stats" -> stats(values, rereduce);
            default ->
                throw new CouchException(
                        400, "invalid_design_doc", "`" + name + "` is not a supported reduce function.");
        };
    }

    static JsonNode sum(List<JsonNode> values) {
        JsonNode acc = null;
        for (JsonNode v : values) {
            acc = acc == null ? check(v) : add(acc, v);
        }
        return acc == null ? number(0) : acc;
    }

    private static JsonNode check(JsonNode v) {
        return add(v.isNumber() ? number(0) : v.isArray() ? F.arrayNode() : v.isObject() ? F.objectNode() : fail(v), v);
    }

    private static JsonNode add(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return number(a.doubleValue() + b.doubleValue());
        }
        if (a.isArray() && b.isArray()) {
            ArrayNode out = F.arrayNode();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                JsonNode x = i < a.size() ? a.get(i) : number(0);
                JsonNode y = i < b.size() ? b.get(i) : number(0);
                if (!x.isNumber() || !y.isNumber()) {
                    return fail(x.isNumber() ? y : x);
                }
                out.add(number(x.doubleValue() + y.doubleValue()));
            }
            return out;
        }
        if (a.isObject() && b.isObject()) {
            ObjectNode out = ((ObjectNode) a).deepCopy();
            for (Map.Entry<String, JsonNode> e : b.properties()) {
                JsonNode mine = out.get(e.getKey());
                out.set(e.getKey(), mine == null ? check(e.getValue()) : add(mine, e.getValue()));
            }
            return out;
        }
        if (a.isNumber() && b.isArray() || a.isArray() && b.isNumber()) {
            JsonNode arr = a.isArray() ? a : b;
            JsonNode n = a.isArray() ? b : a;
            ArrayNode first = F.arrayNode().add(n);
            return add(first, arr);
        }
        return fail(b);
    }

    private static JsonNode stats(List<JsonNode> values, boolean rereduce) {
        List<double[]> acc = new ArrayList<>();
        boolean array = false;
        for (JsonNode v : values) {
            if (v.isArray() && !rereduce) {
                array = true;
                for (int i = 0; i < v.size(); i++) {
                    fold(acc, i, statsOf(v.get(i), false));
                }
            } else if (rereduce && v.isArray()) {
                array = true;
                for (int i = 0; i < v.size(); i++) {
                    fold(acc, i, statsOf(v.get(i), true));
                }
            } else {
                fold(acc, 0, statsOf(v, rereduce));
            }
        }
        if (acc.isEmpty()) {
            acc.add(new double[] {0, 0, 0, 0, 0});
        }
        if (!array) {
            return statsNode(acc.getFirst());
        }
        ArrayNode out = F.arrayNode();
        acc.forEach(s -> out.add(statsNode(s)));
        return out;
    }

    /** {sum, count, min, max, sumsqr} of one value or of a stats object. */
    private static double[] statsOf(JsonNode v, boolean rereduce) {
        if (v.isNumber()) {
            double d = v.doubleValue();
            return new double[] {d, 1, d, d, d * d};
        }
        if (v.isObject() && v.path("count").isNumber() && v.path("sum").isNumber()) {
            return new double[] {
                v.path("sum").doubleValue(),
                v.path("count").doubleValue(),
                v.path("min").doubleValue(),
                v.path("max").doubleValue(),
                v.path("sumsqr").doubleValue()
            };
        }
        throw new CouchException(
                500,
                "builtin_reduce_error",
                "The _stats function requires that map values be numbers or arrays of numbers, not '" + v + "'");
    }

    private static void fold(List<double[]> acc, int i, double[] s) {
        while (acc.size() <= i) {
            acc.add(null);
        }
        double[] a = acc.get(i);
        if (a == null) {
            acc.set(i, s);
            return;
        }
        a[0] += s[0];
        a[1] += s[1];
        a[2] = Math.min(a[2], s[2]);
        a[3] = Math.max(a[3], s[3]);
        a[4] += s[4];
    }

    private static ObjectNode statsNode(double[] s) {
        ObjectNode o = F.objectNode();
        o.set("sum", number(s[0]));
        o.set("count", number(s[1]));
        o.set("min", number(s[2]));
        o.set("max", number(s[3]));
        o.set("sumsqr", number(s[4]));
        return o;
    }

    static JsonNode number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return F.numberNode((long) d);
        }
        return F.numberNode(d);
    }

    private static JsonNode fail(JsonNode v) {
        throw new CouchException(
                500,
                "builtin_reduce_error",
                "The _sum function requires that map values be numbers, arrays of numbers, or objects. Objects cannot be"
                        + " mixed with other data structures. Objects can be arbitrarily nested, provided that the values"
                        + " for all fields are themselves numbers, arrays of numbers, or objects. Offending value: "
                        + v);
    }
}
