package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * Random documents, selectors and sorts from a seed, over a few fields whose values mix every
 * JSON type (null, booleans, numbers, strings of mixed case and accents, arrays, objects) or are
 * missing, so that collation order, existence and array semantics are all exercised.
 */
final class RandomMango {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] FIELDS = {"a", "b", "tags", "n.x"};
    private static final String[] STRINGS = {"", "a", "A", "b", "B", "é", "e", "10", "9", "ab", "aB", "z"};
    private static final String[] OPS = {
        "$eq",
        "$ne",
        "$gt",
        "$gte",
        "$lt",
        "$lte",
        "$in",
        "$nin",
        "$exists",
        "$type",
        "$size",
        "$all",
        "$elemMatch",
        "$regex",
        "$mod"
    };
    private static final String[] TYPES = {"null", "boolean", "number", "string", "array", "object"};

    final Random random;

    RandomMango(long seed) {
        random = new Random(seed);
    }

    JsonNode scalar() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(7) - 2);
            case 3 -> NODES.numberNode(random.nextInt(5) + 0.5);
            default -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
        };
    }

    JsonNode value() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            ArrayNode array = NODES.arrayNode();
            for (int i = random.nextInt(4); i > 0; i--) {
                array.add(scalar());
            }
            return array;
        }
        if (kind == 1) {
            ObjectNode object = NODES.objectNode();
            object.set("x", scalar());
            return object;
        }
        return scalar();
    }

    ObjectNode doc(String id) {
        ObjectNode doc = NODES.objectNode().put("_id", id);
        for (String field : new String[] {"a", "b", "tags"}) {
            if (random.nextInt(6) > 0) {
                doc.set(field, value());
            }
        }
        if (random.nextInt(3) > 0) {
            ObjectNode n = doc.putObject("n");
            if (random.nextInt(4) > 0) {
                n.set("x", scalar());
            }
        }
        return doc;
    }

    String field() {
        return FIELDS[random.nextInt(FIELDS.length)];
    }

    ObjectNode selector(int depth) {
        ObjectNode sel = NODES.objectNode();
        int kind = random.nextInt(depth > 1 ? 4 : 6);
        if (kind == 0 || kind == 1) {
            ArrayNode parts = sel.putArray(kind == 0 ? "$or" : "$and");
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                parts.add(selector(depth + 1));
            }
        } else if (kind == 2) {
            sel.putObject(field()).set("$not", condition());
        } else {
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                sel.set(field(), random.nextInt(4) == 0 ? scalar() : condition());
            }
        }
        return sel;
    }

    ObjectNode condition() {
        ObjectNode cond = NODES.objectNode();
        String op = OPS[random.nextInt(OPS.length)];
        switch (op) {
            case "$in", "$nin", "$all" -> {
                ArrayNode values = cond.putArray(op);
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    values.add(scalar());
                }
            }
            case "$exists" -> cond.put(op, random.nextBoolean());
            case "$type" -> cond.put(op, TYPES[random.nextInt(TYPES.length)]);
            case "$size" -> cond.put(op, random.nextInt(3));
            case "$elemMatch" -> cond.putObject(op).set(random.nextBoolean() ? "$gt" : "$eq", scalar());
            case "$regex" -> cond.put(op, random.nextBoolean() ? "^a" : "b$");
            case "$mod" -> cond.putArray(op).add(2).add(random.nextInt(2));
            default -> cond.set(op, scalar());
        }
        return cond;
    }

    /** No sort, or one or two distinct fields in one direction. */
    ArrayNode sort() {
        ArrayNode sort = NODES.arrayNode();
        int n = random.nextInt(3);
        String dir = random.nextBoolean() ? "asc" : "desc";
        String first = field();
        if (n >= 1) {
            sort.addObject().put(first, dir);
        }
        if (n == 2) {
            String second = field();
            if (!second.equals(first)) {
                sort.addObject().put(second, dir);
            }
        }
        return sort;
    }
}
