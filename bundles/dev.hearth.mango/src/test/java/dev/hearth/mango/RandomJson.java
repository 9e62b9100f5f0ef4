package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/** Random JSON values for property and fuzz tests, drawn from small pools so that ties happen. */
final class RandomJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Letters with case, accents (precomposed and combining), punctuation, ignorables, other scripts. */
    private static final int[] ALPHABET = (" _-.,;:!?'\"()@*/&#%+<=>|~$0129aAbBeEzZ\u00e9\u00c9\u00e8\u00e0\u00e7\u00f1"
                    + "\u00fc\u00f6\u00df\u00e6\u00c6\u00f8\u00e5\u0153\u0301\u0300\u0308\u200b\u00ad\u00a0\u2013\u2019"
                    + "\u03b1\u0391\u03c3\u03c2\u03a3\u0430\u0431\u0411\u044f\u042f\u0451\u0131\u0130\u4e00\u4e01"
                    + "\ud83d\ude00\u00b2\uff21\t\uffff\u0000")
            .codePoints()
            .toArray();

    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    JsonNode value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> random.nextInt(4) == 0 ? NODES.nullNode() : NODES.booleanNode(random.nextBoolean());
            case 1 -> number();
            case 2, 3 -> NODES.textNode(string());
            case 4 -> array(depth - 1);
            default -> object(depth - 1);
        };
    }

    JsonNode number() {
        int n = random.nextInt(21) - 10;
        return switch (random.nextInt(9)) {
            case 0 -> IntNode.valueOf(n);
            case 1 -> LongNode.valueOf(n * 1_000_000_007L);
            case 2 -> DoubleNode.valueOf(n);
            case 3 -> DoubleNode.valueOf(n / 4.0);
            case 4 -> DecimalNode.valueOf(new BigDecimal(n).movePointLeft(random.nextInt(4)));
            case 5 ->
                new BigIntegerNode(BigInteger.TEN.pow(20 + random.nextInt(3)).multiply(BigInteger.valueOf(n)));
            case 6 -> DoubleNode.valueOf(n * Math.pow(10, random.nextInt(600) - 300));
            case 7 -> FloatNode.valueOf(n / 8.0f);
            default -> DecimalNode.valueOf(new BigDecimal(n).scaleByPowerOfTen(random.nextInt(200) - 100));
        };
    }

    String string() {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            array.add(value(depth));
        }
        return array;
    }

    ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            object.set(random.nextBoolean() ? "ab".substring(random.nextInt(2)) : string(), value(depth));
        }
        return object;
    }
}
