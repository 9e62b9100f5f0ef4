package dev.hearth.mango;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random selectors (random operators, arguments, nesting and junk, fixed seed): parsing either
 * succeeds or throws {@link MangoException}, never anything else; a parsed selector never throws
 * when matching random documents, normalizes to a selector that matches the same documents, and
 * its {@link FieldCondition}s admit every document it matches; all in bounded time.
 */
class SelectorFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {
        "a", "b", "c", "_id", "a.b", "b.0", "a\\.b", "c.d.e", "tags", "", "a..b", "x.", "0"
    };
    private static final String[] OPERATORS = {
        "$eq",
        "$ne",
        "$gt",
        "$gte",
        "$lt",
        "$lte",
        "$exists",
        "$type",
        "$in",
        "$nin",
        "$size",
        "$mod",
        "$regex",
        "$beginsWith",
        "$and",
        "$or",
        "$nor",
        "$not",
        "$all",
        "$elemMatch",
        "$allMatch",
        "$keyMapMatch",
        "$where",
        "$text",
        "$foo",
        "$",
        "$default"
    };
    private static final String[] REGEXES = {
        "^a",
        "b$",
        "(a+)+$",
        "(a|aa)+b",
        "(.*)*x",
        "^(\\w+\\s?)*$",
        "(",
        "[a-",
        "a{2,",
        "(?i)A",
        "\\",
        "",
        ".",
        "(?<n>a)\\k<n>",
        "\\p{L}+"
    };
    private static final String[] TYPES = {"null", "boolean", "number", "string", "array", "object", "integer", ""};

    private final RandomJson values = new RandomJson(1234L);
    private final Random random = values.random();

    @Test
    void parsingNeverFailsOtherwiseAndMatchingNeverThrows() {
        List<JsonNode> documents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            documents.add(document());
        }
        int[] counts = new int[3]; // refused, accepted, matches
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 10000; i++) {
                JsonNode candidate = random.nextInt(30) == 0 ? values.value(2) : selector(random.nextInt(5) + 1);
                long start = System.nanoTime();
                check(candidate, documents, counts);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(millis).as("time for %s", candidate).isLessThan(5_000);
            }
        });
        assertThat(counts[0]).as("refused").isGreaterThan(500);
        assertThat(counts[1]).as("accepted").isGreaterThan(1000);
        assertThat(counts[2]).as("matches").isGreaterThan(1000);
    }

    private static void check(JsonNode candidate, List<JsonNode> documents, int[] counts) {
        Selector selector;
        try {
            selector = Selector.parse(candidate);
        } catch (MangoException e) {
            assertThat(e.getMessage()).isNotBlank();
            counts[0]++;
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("Selector.parse(" + candidate + ") threw " + e, e);
        }
        counts[1]++;
        Selector again = reparse(selector);
        Map<String, FieldCondition> conditions = selector.andedConditions();
        selector.fields();
        for (JsonNode document : documents) {
            boolean matches = matches(selector, document);
            assertThat(matches(again, document))
                    .as("%s normalized as %s on %s", candidate, selector, document)
                    .isEqualTo(matches);
            if (matches) {
                counts[2]++;
                conditions.forEach((path, condition) -> assertThat(condition.admits(
                                FieldPath.parse(path).get(document).orElse(null)))
                        .as("%s on %s admitted by %s", candidate, document, condition)
                        .isTrue());
            }
        }
    }

    private static Selector reparse(Selector selector) {
        try {
            Selector again = Selector.parse(selector.normalized());
            assertThat(again.normalized()).isEqualTo(selector.normalized());
            return again;
        } catch (MangoException e) {
            return fail("normalized form %s does not parse: %s", selector, e.getMessage());
        }
    }

    private static boolean matches(Selector selector, JsonNode document) {
        try {
            return selector.matches(document);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(selector + " threw on " + document + ": " + e, e);
        }
    }

    private JsonNode selector(int depth) {
        ObjectNode node = NODES.objectNode();
        int members = random.nextInt(4);
        for (int i = 0; i < members; i++) {
            if (random.nextInt(3) == 0) {
                String field = FIELDS[random.nextInt(FIELDS.length)];
                node.set(field, depth <= 0 || random.nextBoolean() ? values.value(1) : condition(depth - 1));
            } else {
                String op = OPERATORS[random.nextInt(OPERATORS.length)];
                node.set(op, argument(op, depth - 1));
            }
        }
        return node;
    }

    private JsonNode condition(int depth) {
        return random.nextInt(4) == 0 ? selector(depth) : single(OPERATORS[random.nextInt(OPERATORS.length)], depth);
    }

    private JsonNode single(String op, int depth) {
        return NODES.objectNode().set(op, argument(op, depth));
    }

    private JsonNode argument(String op, int depth) {
        if (random.nextInt(12) == 0) {
            return values.value(1); // junk of any type
        }
        return switch (op) {
            case "$and", "$or", "$nor" -> list(depth);
            case "$not", "$elemMatch", "$allMatch", "$keyMapMatch" -> depth < 0 ? NODES.objectNode() : condition(depth);
            case "$in", "$nin", "$all" -> values.array(1);
            case "$exists" -> NODES.booleanNode(random.nextBoolean());
            case "$type" -> NODES.textNode(TYPES[random.nextInt(TYPES.length)]);
            case "$size" -> NODES.numberNode(random.nextInt(5) - 1);
            case "$mod" -> NODES.arrayNode().add(random.nextInt(5) - 2).add(random.nextInt(3));
            case "$regex" -> NODES.textNode(REGEXES[random.nextInt(REGEXES.length)]);
            case "$beginsWith" -> NODES.textNode(values.string());
            default -> values.value(1);
        };
    }

    private ArrayNode list(int depth) {
        ArrayNode list = NODES.arrayNode();
        int size = random.nextInt(3);
        for (int i = 0; i < size; i++) {
            list.add(depth < 0 || random.nextInt(6) == 0 ? values.value(0) : selector(depth));
        }
        return list;
    }

    private JsonNode document() {
        ObjectNode doc = NODES.objectNode();
        doc.put("_id", values.string());
        for (String field : new String[] {"a", "b", "c", "tags", "0", "a.b"}) {
            if (random.nextInt(4) > 0) {
                doc.set(field, random.nextInt(3) == 0 ? document(field) : values.value(2));
            }
        }
        if (random.nextInt(3) == 0) {
            doc.put("c", "a".repeat(30) + "!");
        }
        return doc;
    }

    private JsonNode document(String field) {
        ObjectNode nested = NODES.objectNode();
        nested.set("b", values.value(1));
        nested.set("d", NODES.objectNode().set("e", values.value(0)));
        nested.set(field, values.array(1));
        return nested;
    }
}
