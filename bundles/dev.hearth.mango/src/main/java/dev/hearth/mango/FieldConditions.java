package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.mango.FieldCondition.Bound;
import dev.hearth.mango.internal.Cond;
import dev.hearth.mango.internal.Expr;
import dev.hearth.mango.internal.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Combines the field conditions of a selector's top-level {@code $and} into {@link FieldCondition}s. */
final class FieldConditions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ID = List.of("_id");

    private final boolean raw;
    private @Nullable Bound lower;
    private @Nullable Bound upper;
    private @Nullable Boolean exists;
    private @Nullable List<JsonNode> in;
    private boolean unsatisfiable;

    private FieldConditions(boolean raw) {
        this.raw = raw;
    }

    static Map<String, FieldCondition> of(Expr root) {
        Map<List<String>, FieldConditions> byPath = new LinkedHashMap<>();
        collect(root, byPath);
        Map<String, FieldCondition> result = new LinkedHashMap<>();
        byPath.forEach((path, acc) -> result.put(Paths.join(path), acc.build()));
        return Collections.unmodifiableMap(result);
    }

    private static void collect(Expr e, Map<List<String>, FieldConditions> byPath) {
        if (e instanceof Expr.And and) {
            and.args().forEach(a -> collect(a, byPath));
        } else if (e instanceof Expr.Field field && !field.path().isEmpty()) {
            byPath.computeIfAbsent(field.path(), p -> new FieldConditions(p.equals(ID)))
                    .add(field.cond());
        }
    }

    private void add(Cond c) {
        boolean mustExist = !(c instanceof Cond.Exists e && !e.value());
        if (exists != null && exists != mustExist) {
            unsatisfiable = true;
        }
        exists = mustExist;
        switch (c) {
            case Cond.Compare cmp -> compare(cmp.op(), cmp.arg());
            case Cond.In i when !i.negated() -> in(i.values());
            case Cond.BeginsWith b -> beginsWith(b.prefix());
            case Cond.Type t -> type(t.type());
            case Cond.Regex _ -> type(JsonType.STRING);
            case Cond.Mod _ -> type(JsonType.NUMBER);
            case Cond.Size _, Cond.All _, Cond.ElemMatch _, Cond.AllMatch _ -> type(JsonType.ARRAY);
            case Cond.KeyMapMatch _ -> type(JsonType.OBJECT);
            default -> {}
        }
    }

    private void compare(Cond.CompareOp op, JsonNode value) {
        switch (op) {
            case EQ -> {
                lower(value, true);
                upper(value, true);
            }
            case GT -> lower(value, false);
            case GTE -> lower(value, true);
            case LT -> upper(value, false);
            case LTE -> upper(value, true);
            case NE -> {}
        }
    }

    private void in(List<JsonNode> values) {
        if (values.isEmpty()) {
            unsatisfiable = true;
        }
        if (in == null || values.size() < in.size()) {
            in = values;
        }
    }

    private void beginsWith(String prefix) {
        lower(NODES.textNode(prefix), true);
        upper(NODES.textNode(prefix + (raw ? "\uDBFF\uDFFF" : "\uFFFF")), true);
    }

    /** Bounds a type by the smallest values of its own and of the next type. */
    private void type(JsonType type) {
        if (raw) {
            return;
        }
        switch (type) {
            case NULL -> compare(Cond.CompareOp.EQ, NODES.nullNode());
            case BOOLEAN -> {
                lower(NODES.booleanNode(false), true);
                upper(NODES.booleanNode(true), true);
            }
            case NUMBER -> {
                lower(NODES.booleanNode(true), false);
                upper(NODES.textNode(""), false);
            }
            case STRING -> {
                lower(NODES.textNode(""), true);
                upper(NODES.arrayNode(), false);
            }
            case ARRAY -> {
                lower(NODES.arrayNode(), true);
                upper(NODES.objectNode(), false);
            }
            case OBJECT -> lower(NODES.objectNode(), true);
        }
    }

    private void lower(JsonNode value, boolean inclusive) {
        int c = lower == null ? 1 : cmp(value, lower.value());
        if (c > 0 || (c == 0 && !inclusive)) {
            lower = new Bound(value, inclusive);
        }
    }

    private void upper(JsonNode value, boolean inclusive) {
        int c = upper == null ? -1 : cmp(value, upper.value());
        if (c < 0 || (c == 0 && !inclusive)) {
            upper = new Bound(value, inclusive);
        }
    }

    private int cmp(JsonNode a, JsonNode b) {
        return raw ? Collation.compareRaw(a, b) : Collation.compare(a, b);
    }

    private FieldCondition build() {
        if (lower != null && upper != null) {
            int c = cmp(lower.value(), upper.value());
            unsatisfiable |= c > 0 || (c == 0 && !(lower.inclusive() && upper.inclusive()));
        }
        List<JsonNode> values = in == null
                ? null
                : in.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        return new FieldCondition(copy(lower), copy(upper), exists, values, unsatisfiable, raw);
    }

    /** A copy, so that callers cannot change the parsed selector through a bound. */
    private static @Nullable Bound copy(@Nullable Bound bound) {
        return bound == null ? null : new Bound(bound.value().deepCopy(), bound.inclusive());
    }
}
