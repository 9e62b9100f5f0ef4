package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a normalized selector back as JSON, in the shape CouchDB's {@code _explain} shows:
 * explicit {@code $and}, one operator per field, dotted field names. Unlike CouchDB, dots inside
 * a field name are written escaped ({@code \.}), so the output parses back to the same selector.
 */
public final class Render {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Render() {}

    public static ObjectNode expr(Expr e) {
        return switch (e) {
            case Expr.And and -> list("$and", and.args());
            case Expr.Or or -> list("$or", or.args());
            case Expr.Nor nor -> list("$nor", nor.args());
            case Expr.Not not -> single("$not", expr(not.arg()));
            case Expr.Field field ->
                field.path().isEmpty() ? cond(field.cond()) : single(Paths.join(field.path()), cond(field.cond()));
        };
    }

    /** Every field path the selector uses at document level (not inside element selectors). */
    public static Set<String> fields(Expr e) {
        Set<String> fields = new LinkedHashSet<>();
        collectFields(e, fields);
        return fields;
    }

    private static void collectFields(Expr e, Set<String> into) {
        switch (e) {
            case Expr.And and -> and.args().forEach(a -> collectFields(a, into));
            case Expr.Or or -> or.args().forEach(a -> collectFields(a, into));
            case Expr.Nor nor -> nor.args().forEach(a -> collectFields(a, into));
            case Expr.Not not -> collectFields(not.arg(), into);
            case Expr.Field field -> into.add(Paths.join(field.path()));
        }
    }

    private static ObjectNode cond(Cond c) {
        return switch (c) {
            case Cond.Compare cmp -> single(cmp.op().operator(), cmp.arg().deepCopy());
            case Cond.In in -> single(in.negated() ? "$nin" : "$in", array(in.values()));
            case Cond.Exists exists -> single("$exists", NODES.booleanNode(exists.value()));
            case Cond.Type type -> single("$type", NODES.textNode(type.type().typeName()));
            case Cond.Size size -> single("$size", integer(size.size()));
            case Cond.Mod mod ->
                single("$mod", NODES.arrayNode().add(integer(mod.divisor())).add(integer(mod.remainder())));
            case Cond.Regex regex -> single("$regex", NODES.textNode(regex.source()));
            case Cond.BeginsWith begins -> single("$beginsWith", NODES.textNode(begins.prefix()));
            case Cond.All all -> single("$all", array(all.values()));
            case Cond.ElemMatch m -> single("$elemMatch", expr(m.selector()));
            case Cond.AllMatch m -> single("$allMatch", expr(m.selector()));
            case Cond.KeyMapMatch m -> single("$keyMapMatch", expr(m.selector()));
            case Cond.Not not -> single("$not", cond(not.cond()));
        };
    }

    /** The smallest integer node for the value, as a JSON parser would produce. */
    private static JsonNode integer(BigInteger value) {
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    private static ObjectNode list(String op, List<Expr> args) {
        ArrayNode array = NODES.arrayNode();
        args.forEach(a -> array.add(expr(a)));
        return single(op, array);
    }

    private static ArrayNode array(List<JsonNode> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(v.deepCopy()));
        return array;
    }

    private static ObjectNode single(String key, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(key, value);
        return node;
    }
}
