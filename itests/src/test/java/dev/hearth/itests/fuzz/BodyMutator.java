package dev.hearth.itests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Breaks valid bodies in one named way each: JSON truncated, nested thousands deep, with numbers
 * no double holds, NUL, invalid UTF-8, values of the wrong type, odd field names, huge strings,
 * duplicate keys, lenient syntax; forms with bad percent-encoding, NUL, huge values. Raw
 * insertions go through a placeholder so the rest of the document stays valid and the one
 * mutation is the only thing wrong.
 */
final class BodyMutator {
    /** A mutated body and the name of its mutation. */
    record Mutated(String mutation, byte[] body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW = "__fuzz_raw__";
    private static final String[] JSON_MUTATIONS = {
        "truncated",
        "deep-nesting",
        "huge-number",
        "nul",
        "invalid-utf8",
        "wrong-type",
        "huge-string",
        "duplicate-keys",
        "not-an-object",
        "empty",
        "trailing-garbage",
        "bom",
        "lenient-syntax",
        "odd-field-name",
        "long-array",
        "lone-surrogate"
    };
    private static final String[] FORM_MUTATIONS = {
        "bad-percent", "nul", "huge-value", "no-equals", "repeated-keys", "raw-bytes", "json-instead", "empty"
    };
    private static final String[] HUGE_NUMBERS = {
        "1e999999",
        "-1e999999",
        "1e-999999",
        "123456789012345678901234567890",
        "9223372036854775808",
        "-0",
        "0.1e309",
        "1" + "0".repeat(1200),
        "1." + "5".repeat(1200)
    };
    private static final String[] ODD_NAMES = {
        "a.b..c",
        "",
        ".",
        "a.",
        ".a",
        "$gt",
        "_id",
        "_rev",
        "_deleted",
        "\u0000",
        "a\u0000b",
        "x".repeat(50_001),
        "__proto__",
        "_attachments",
        "\u00e9t\u00e9",
        "a b",
        "a\\.b",
        "[0]"
    };

    /** A JSON body broken in one named way. */
    Mutated json(byte[] valid, Random random) {
        String mutation = JSON_MUTATIONS[random.nextInt(JSON_MUTATIONS.length)];
        return new Mutated(mutation, jsonBody(mutation, valid, random));
    }

    private byte[] jsonBody(String mutation, byte[] valid, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        return switch (mutation) {
            case "truncated" -> Arrays.copyOf(valid, random.nextInt(Math.max(1, valid.length)));
            case "deep-nesting" -> {
                int depth = new int[] {1_001, 5_000, 50_000, 200_000}[random.nextInt(4)];
                boolean arrays = random.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                yield raw(valid, random, open.repeat(depth) + "1" + close.repeat(depth));
            }
            case "huge-number" -> raw(valid, random, HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]);
            case "nul" ->
                random.nextBoolean()
                        ? tree(valid, random, n -> replaceValue(n, random, TextNode.valueOf("a\u0000b")))
                        : insertBytes(raw(valid, random, "\"a" + RAW + "b\""), new byte[] {0});
            case "invalid-utf8" ->
                insertBytes(
                        raw(valid, random, "\"" + RAW + "\""),
                        new byte[][] {
                                    {(byte) 0xff},
                                    {(byte) 0xc0, (byte) 0xae},
                                    {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                                    {(byte) 0xe9},
                                    {(byte) 0x80}
                                }
                                [random.nextInt(5)]);
            case "wrong-type" -> tree(valid, random, n -> replaceValue(n, random, wrongType(random)));
            case "huge-string" ->
                raw(
                        valid,
                        random,
                        "\"" + "s".repeat(new int[] {70_000, 1_100_000, 3_000_000}[random.nextInt(3)]) + "\"");
            case "duplicate-keys" ->
                text.startsWith("{") && text.length() > 2
                        ? ("{\"_id\":\"dup\",\"_id\":1," + text.substring(1)).getBytes(StandardCharsets.UTF_8)
                        : valid;
            case "not-an-object" ->
                ParamValues.pick(random, "[]", "[" + text + "]", "\"text\"", "1", "null", "true")
                        .getBytes(StandardCharsets.UTF_8);
            case "empty" -> new byte[0];
            case "trailing-garbage" ->
                concat(
                        valid,
                        ParamValues.pick(random, "x", "}", "{}", ",", "\u0000").getBytes(StandardCharsets.UTF_8),
                        new byte[0]);
            case "bom" -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, valid, new byte[0]);
            case "lenient-syntax" ->
                raw(
                        valid,
                        random,
                        ParamValues.pick(
                                random,
                                "NaN",
                                "Infinity",
                                "'single'",
                                "/* comment */ 1",
                                "0x10",
                                "+1",
                                ".5",
                                "01",
                                "[1,]",
                                "{\"a\":1,}",
                                "{a:1}",
                                "undefined"));
            case "odd-field-name" -> tree(valid, random, n -> oddName(n, random));
            case "long-array" -> raw(valid, random, "[" + "0,".repeat(200_000) + "0]");
            default ->
                raw(
                        valid,
                        random,
                        ParamValues.pick(
                                random, "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"\\uZZZZ\"", "\"\\x41\""));
        };
    }

    /** A form body broken in one named way. */
    Mutated form(byte[] valid, Random random) {
        String mutation = FORM_MUTATIONS[random.nextInt(FORM_MUTATIONS.length)];
        String text = Wire.latin1(valid);
        String body = switch (mutation) {
            case "bad-percent" -> text + "&" + Nasty.pick(random, List.of("%ff=%fe", "a=%zz", "%=%", "b=%e9", "c=%"));
            case "nul" -> text + "&passphrase=%00&x=a\u0000b";
            case "huge-value" -> text + "&passphrase=" + "a".repeat(new int[] {300_000, 2_500_000}[random.nextInt(2)]);
            case "no-equals" -> text.replace("=", "");
            case "repeated-keys" -> text + "&" + text + "&" + text;
            case "raw-bytes" -> text + "&x=\u00ff\u00fe\u00c3";
            case "json-instead" -> "{\"passphrase\":\"x\"}";
            default -> "";
        };
        return new Mutated(mutation, Wire.bytes(body));
    }

    /** Replaces a random value of the document with a placeholder, then the placeholder with {@code raw}. */
    private static byte[] raw(byte[] valid, Random random, String raw) {
        byte[] marked = tree(valid, random, n -> replaceValue(n, random, TextNode.valueOf(RAW)));
        String text = new String(marked, StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + RAW + "\"");
        if (at < 0) {
            return concat(valid, raw.getBytes(StandardCharsets.UTF_8), new byte[0]);
        }
        return (text.substring(0, at) + raw + text.substring(at + RAW.length() + 2)).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the placeholder inside a string with raw bytes. */
    private static byte[] insertBytes(byte[] marked, byte[] bytes) {
        String text = Wire.latin1(marked);
        int at = text.indexOf(RAW);
        if (at < 0) {
            return concat(marked, bytes, new byte[0]);
        }
        return concat(Wire.bytes(text.substring(0, at)), bytes, Wire.bytes(text.substring(at + RAW.length())));
    }

    /** Applies an edit to the parsed document; a body that does not parse is edited as an empty object. */
    private static byte[] tree(byte[] valid, Random random, Consumer<JsonNode> edit) {
        JsonNode root;
        try {
            root = valid.length == 0 ? JSON.createObjectNode() : JSON.readTree(valid);
        } catch (IOException e) {
            root = JSON.createObjectNode();
        }
        if (!root.isContainerNode()) {
            root = JSON.createObjectNode().set("v", root);
        }
        if (root.isEmpty()) {
            ((ObjectNode) root).put("v", 1);
        }
        edit.accept(root);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces one value, chosen at random among all the values of the tree, with {@code value}. */
    private static void replaceValue(JsonNode root, Random random, JsonNode value) {
        List<Runnable> slots = new ArrayList<>();
        collect(root, value, slots);
        slots.get(random.nextInt(slots.size())).run();
    }

    private static void collect(JsonNode node, JsonNode value, List<Runnable> slots) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                slots.add(() -> object.set(name, value));
                collect(e.getValue(), value, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                slots.add(() -> array.set(index, value));
                collect(array.get(i), value, slots);
            }
        }
    }

    /** Renames a random field, or adds one, with an odd name; or puts the name where a string was. */
    private static void oddName(JsonNode root, Random random) {
        String name = ODD_NAMES[random.nextInt(ODD_NAMES.length)];
        if (random.nextBoolean()) {
            replaceStrings(root, name);
            return;
        }
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        if (objects.isEmpty()) {
            return;
        }
        objects.get(random.nextInt(objects.size())).put(name, 1);
    }

    /** Every string value becomes {@code name}: field lists of indexes and sorts are strings. */
    private static void replaceStrings(JsonNode node, String name) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (object.get(k).isTextual() && !k.equals("_id") && !k.equals("_rev")) {
                    object.put(k, name);
                } else {
                    replaceStrings(object.get(k), name);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(name));
                } else {
                    replaceStrings(array.get(i), name);
                }
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        node.forEach(child -> collectObjects(child, out));
    }

    private static JsonNode wrongType(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> JSON.createArrayNode().add(1).add("x");
            case 1 -> JSON.createObjectNode().put("k", "v");
            case 2 -> JSON.getNodeFactory().numberNode(random.nextInt(3) - 1);
            case 3 -> JSON.getNodeFactory().nullNode();
            case 4 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 5 -> TextNode.valueOf("");
            default -> JSON.getNodeFactory().numberNode(1.5e300);
        };
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length + c.length);
        out.writeBytes(a);
        out.writeBytes(b);
        out.writeBytes(c);
        return out.toByteArray();
    }
}
