package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a selector into a normalized {@link Expr}, as CouchDB's normalization does:
 * an object with several members is an implicit {@code $and}; a member that is not an operator
 * extends the field path (its name split at unescaped dots); a value that is not an object, or an
 * empty object, is an equality; combinators may appear at any level; negations are then pushed
 * down to the fields ({@link Negations}).
 */
public final class SelectorParser {
    /** Deepest nesting of selector objects and arrays accepted. */
    public static final int MAX_DEPTH = 200;

    private static final Set<String> UNSUPPORTED =
            Set.of("$where", "$geoWithin", "$geoIntersects", "$near", "$nearSphere", "$text");

    private final boolean element;

    private SelectorParser(boolean element) {
        this.element = element;
    }

    /** Parses a document-level selector; {@code {}} gives an empty {@code $and}. */
    public static Expr parse(JsonNode selector) {
        if (!selector.isObject()) {
            throw Errors.selectorNotObject(selector);
        }
        if (selector.isEmpty()) {
            return new Expr.And(List.of());
        }
        return Negations.normalize(new SelectorParser(false).expr(selector, List.of(), 0));
    }

    private Expr expr(JsonNode node, List<String> path, int depth) {
        if (depth > MAX_DEPTH) {
            throw Errors.tooDeep(MAX_DEPTH);
        }
        if (!node.isObject() || node.isEmpty()) {
            return field(path, new Cond.Compare(Cond.CompareOp.EQ, node.deepCopy()));
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            return member(only.getKey(), only.getValue(), path, depth);
        }
        List<Expr> args = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            args.add(member(e.getKey(), e.getValue(), path, depth + 1));
        }
        return new Expr.And(args);
    }

    private Expr member(String key, JsonNode value, List<String> path, int depth) {
        if (key.startsWith("$")) {
            return operator(key, value, path, depth);
        }
        List<String> longer = new ArrayList<>(path);
        longer.addAll(Paths.parse(key));
        Paths.checkLength(longer);
        return expr(value, longer, depth + 1);
    }

    private Expr operator(String op, JsonNode arg, List<String> path, int depth) {
        switch (op) {
            case "$and":
                return new Expr.And(list(op, arg, path, depth));
            case "$or":
                return new Expr.Or(list(op, arg, path, depth));
            case "$nor":
                return new Expr.Nor(list(op, arg, path, depth));
            case "$not":
                return new Expr.Not(expr(object(op, arg), path, depth + 1));
            case "$elemMatch":
                return field(path, new Cond.ElemMatch(sub(op, arg, depth)));
            case "$allMatch":
                return field(path, new Cond.AllMatch(sub(op, arg, depth)));
            case "$keyMapMatch":
                return field(path, new Cond.KeyMapMatch(sub(op, arg, depth)));
            default:
                if (UNSUPPORTED.contains(op)) {
                    throw Errors.notSupported(op);
                }
                Cond cond = CondParser.parse(op, arg);
                if (cond == null) {
                    throw Errors.invalidOperator(op);
                }
                return field(path, cond);
        }
    }

    private List<Expr> list(String op, JsonNode arg, List<String> path, int depth) {
        if (!arg.isArray()) {
            throw Errors.badArg(op, arg);
        }
        List<Expr> args = new ArrayList<>(arg.size());
        for (JsonNode a : arg) {
            args.add(expr(a, path, depth + 1));
        }
        return args;
    }

    private static JsonNode object(String op, JsonNode arg) {
        if (!arg.isObject()) {
            throw Errors.badArg(op, arg);
        }
        return arg;
    }

    /** A selector on array elements or object keys; paths inside it are relative to them. */
    private Expr sub(String op, JsonNode arg, int depth) {
        return new SelectorParser(true).expr(object(op, arg), List.of(), depth + 1);
    }

    private Expr field(List<String> path, Cond cond) {
        if (path.isEmpty() && !element) {
            throw Errors.missingFieldName();
        }
        return new Expr.Field(path, cond);
    }
}
