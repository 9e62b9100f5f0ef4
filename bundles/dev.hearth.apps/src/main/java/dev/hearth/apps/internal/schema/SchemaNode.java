package dev.hearth.apps.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** One compiled (sub)schema of the {@link Keywords} subset; {@code true} and {@code false} too. */
final class SchemaNode {
    /** JSON equality, numbers by value ({@code 1} equals {@code 1.0}). */
    private static final Comparator<JsonNode> JSON_EQUAL =
            (a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private boolean rejectsAll;
    private @Nullable Set<String> types;
    private @Nullable List<JsonNode> allowed;
    private @Nullable JsonNode constant;
    private final Map<String, SchemaNode> properties = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private @Nullable SchemaNode additional;
    private @Nullable SchemaNode items;
    private final Map<String, BigDecimal> bounds = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private @Nullable Pattern pattern;

    private SchemaNode() {}

    static SchemaNode compile(JsonNode schema, String at) throws InvalidSchemaException {
        SchemaNode node = new SchemaNode();
        if (schema.isBoolean()) {
            node.rejectsAll = !schema.booleanValue();
            return node;
        }
        if (!schema.isObject()) {
            throw new InvalidSchemaException(at, "a schema must be an object or a boolean");
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            node.read(keyword.getKey(), keyword.getValue(), at + "/" + pointer(keyword.getKey()));
        }
        return node;
    }

    private void read(String keyword, JsonNode value, String at) throws InvalidSchemaException {
        switch (keyword) {
            case "type" -> types = types(value, at);
            case "enum" -> {
                if (!value.isArray()) {
                    throw new InvalidSchemaException(at, "must be an array");
                }
                allowed = new ArrayList<>();
                value.forEach(allowed::add);
            }
            case "const" -> constant = value;
            case "properties" -> {
                if (!value.isObject()) {
                    throw new InvalidSchemaException(at, "must be an object of schemas");
                }
                for (Map.Entry<String, JsonNode> p : value.properties()) {
                    properties.put(p.getKey(), compile(p.getValue(), at + "/" + pointer(p.getKey())));
                }
            }
            case "required" -> {
                if (!value.isArray()) {
                    throw new InvalidSchemaException(at, "must be an array of strings");
                }
                for (JsonNode name : value) {
                    if (!name.isTextual()) {
                        throw new InvalidSchemaException(at, "must be an array of strings");
                    }
                    required.add(name.asText());
                }
            }
            case "additionalProperties" -> additional = compile(value, at);
            case "items" -> items = compile(value, at);
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                if (!value.isNumber()) {
                    throw new InvalidSchemaException(at, "must be a number");
                }
                bounds.put(keyword, value.decimalValue());
            }
            case "minLength", "maxLength", "minItems", "maxItems" -> counts.put(keyword, count(value, at));
            case "pattern" -> pattern = pattern(value, at);
            default -> {
                if (!Keywords.ANNOTATIONS.contains(keyword)) {
                    throw new InvalidSchemaException(
                            at, "the keyword is not in the subset of JSON Schema Hearth enforces " + Keywords.ENFORCED);
                }
            }
        }
    }

    private static Set<String> types(JsonNode value, String at) throws InvalidSchemaException {
        Set<String> names = new LinkedHashSet<>();
        List<JsonNode> given = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(given::add);
        } else {
            given.add(value);
        }
        for (JsonNode type : given) {
            if (!type.isTextual() || !Keywords.TYPES.contains(type.asText())) {
                throw new InvalidSchemaException(at, "must be a type name or an array of them " + Keywords.TYPES);
            }
            names.add(type.asText());
        }
        return names;
    }

    private static int count(JsonNode value, String at) throws InvalidSchemaException {
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw new InvalidSchemaException(at, "must be a non-negative integer");
        }
        return value.asInt();
    }

    private static Pattern pattern(JsonNode value, String at) throws InvalidSchemaException {
        if (!value.isTextual()) {
            throw new InvalidSchemaException(at, "must be a regular expression");
        }
        try {
            return Pattern.compile(value.asText());
        } catch (PatternSyntaxException e) {
            throw new InvalidSchemaException(at, "is not a valid regular expression: " + e.getDescription());
        }
    }

    /** Adds the violations of {@code value}, found at {@code path} in the document, to {@code out}. */
    void check(JsonNode value, String path, List<String> out) {
        String where = path.isEmpty() ? "/" : path;
        if (rejectsAll) {
            out.add(where + ": not allowed (false)");
            return;
        }
        if (types != null && types.stream().noneMatch(t -> is(value, t))) {
            out.add(where + ": expected " + String.join(" or ", types) + ", found " + typeOf(value) + " (type)");
            return; // the other keywords would only repeat it
        }
        if (allowed != null && allowed.stream().noneMatch(a -> a.equals(JSON_EQUAL, value))) {
            out.add(where + ": not one of the allowed values (enum)");
        }
        if (constant != null && !constant.equals(JSON_EQUAL, value)) {
            out.add(where + ": must be " + constant + " (const)");
        }
        if (value.isObject()) {
            checkObject(value, path, out);
        } else if (value.isArray()) {
            checkArray(value, path, out);
        } else if (value.isNumber()) {
            checkNumber(value.decimalValue(), where, out);
        } else if (value.isTextual()) {
            checkString(value.asText(), where, out);
        }
    }

    private void checkObject(JsonNode value, String path, List<String> out) {
        for (String name : required) {
            if (!value.has(name)) {
                out.add((path.isEmpty() ? "/" : path) + ": missing required property '" + name + "' (required)");
            }
        }
        for (Map.Entry<String, JsonNode> member : value.properties()) {
            String at = path + "/" + pointer(member.getKey());
            SchemaNode declared = properties.get(member.getKey());
            if (declared != null) {
                declared.check(member.getValue(), at, out);
            } else if (additional != null) {
                if (additional.rejectsAll) {
                    out.add(at + ": property not allowed (additionalProperties)");
                } else {
                    additional.check(member.getValue(), at, out);
                }
            }
        }
    }

    private void checkArray(JsonNode value, String path, List<String> out) {
        checkCount("minItems", value.size(), path.isEmpty() ? "/" : path, "items", out);
        checkCount("maxItems", value.size(), path.isEmpty() ? "/" : path, "items", out);
        if (items != null) {
            for (int i = 0; i < value.size(); i++) {
                items.check(value.get(i), path + "/" + i, out);
            }
        }
    }

    private void checkNumber(BigDecimal number, String where, List<String> out) {
        bounds.forEach((keyword, bound) -> {
            int c = number.compareTo(bound);
            boolean ok = switch (keyword) {
                case "minimum" -> c >= 0;
                case "maximum" -> c <= 0;
                case "exclusiveMinimum" -> c > 0;
                default -> c < 0; // exclusiveMaximum
            };
            if (!ok) {
                out.add(where + ": " + number.toPlainString() + " is out of bounds, " + keyword + " is "
                        + bound.toPlainString() + " (" + keyword + ")");
            }
        });
    }

    private void checkString(String text, String where, List<String> out) {
        int length = text.codePointCount(0, text.length());
        checkCount("minLength", length, where, "characters", out);
        checkCount("maxLength", length, where, "characters", out);
        if (pattern != null && !pattern.matcher(text).find()) {
            out.add(where + ": does not match the pattern " + pattern.pattern() + " (pattern)");
        }
    }

    private void checkCount(String keyword, int actual, String where, String unit, List<String> out) {
        Integer limit = counts.get(keyword);
        if (limit != null && (keyword.startsWith("min") ? actual < limit : actual > limit)) {
            out.add(where + ": " + actual + " " + unit + ", " + keyword + " is " + limit + " (" + keyword + ")");
        }
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "number" -> value.isNumber();
            case "integer" -> value.isNumber() && value.canConvertToExactIntegral();
            default -> value.isTextual();
        };
    }

    private static String typeOf(JsonNode value) {
        for (String type : List.of("null", "boolean", "object", "array", "integer", "number")) {
            if (is(value, type)) {
                return type;
            }
        }
        return "string";
    }

    /** A name as a JSON pointer token. */
    private static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
