package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.internal.KeyEncoder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Byte-comparable index keys: for any JSON values {@code a} and {@code b}, {@code
 * Arrays.compareUnsigned(encode(a), encode(b))} has the sign of {@link Collation#compare(JsonNode,
 * JsonNode) Collation.compare(a, b)}. The encoding is not decodable (strings are stored as
 * collation keys); keep the original value elsewhere, such as in the index row's value or the
 * document itself.
 *
 * <p>Layout: one tag byte per value, {@code 0x10} null, {@code 0x20} false, {@code 0x30} true,
 * {@code 0x40} number, {@code 0x50} string, {@code 0x60} array, {@code 0x70} object. A number is
 * then a class byte (-Infinity, negative, zero, positive, +Infinity, NaN) and, for non-zero finite
 * values {@code ±0.d1d2..dn × 10^e}, an order-preserving variable-length exponent, the digits two
 * per byte and a 0x00 terminator, all bytes inverted for negative numbers. A string is its
 * collation key (16-bit units: primary weights, 0, secondary weights, 0, tertiary weights), each
 * unit written as a prefix-free order-preserving token of one to three bytes (never starting with
 * 0x00), then a 0x00 terminator. An array is its elements'
 * encodings then 0x00; an object is, per member, 0x01, the key (as a string, without tag) and the
 * value's encoding, then 0x00. A compound key is the concatenation of its values' encodings, so a
 * key that is a prefix of another sorts first.
 */
public final class IndexKeys {
    private static final byte[] LOWEST = new byte[0];
    private static final byte[] HIGHEST = {(byte) 0xFF};

    private IndexKeys() {}

    /** The key of a single value. */
    public static byte[] encode(JsonNode value) {
        return new KeyEncoder().value(value).toByteArray();
    }

    /** The key of a compound value, one element per index field, compared element by element. */
    public static byte[] encode(List<? extends JsonNode> compoundKey) {
        KeyEncoder encoder = new KeyEncoder();
        compoundKey.forEach(encoder::value);
        return encoder.toByteArray();
    }

    /**
     * The smallest byte string greater than every byte string that starts with {@code prefix}
     * (strip trailing 0xFF bytes, then add one to the last byte): the exclusive end of a range
     * scan over all keys that extend {@code prefix}. For an empty prefix (or one made only of 0xFF
     * bytes, which no encoding produces) it returns {@link #highest()}.
     */
    public static byte[] prefixUpperBound(byte[] prefix) {
        int end = prefix.length;
        while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
            end--;
        }
        if (end == 0) {
            return highest();
        }
        byte[] bound = Arrays.copyOf(prefix, end);
        bound[end - 1]++;
        return bound;
    }

    /**
     * The key range {@code {from, to}} ({@code to} exclusive) that an index on {@code fields}
     * scans for these conditions: the values of the leading equality fields, then the bounds (or
     * the {@code $in} values) of the first other field. Both the engine and in-memory clients use
     * it, so that they agree on which documents an indexed query can see.
     */
    public static byte[][] scanRange(List<String> fields, Map<String, FieldCondition> conditions) {
        byte[] prefix = LOWEST;
        for (String field : fields) {
            FieldCondition c = conditions.get(field);
            if (c != null && c.equalTo().isPresent()) {
                prefix = concat(prefix, encode(c.equalTo().get()));
                continue;
            }
            return c == null ? new byte[][] {prefix, prefixUpperBound(prefix)} : bounds(prefix, c);
        }
        return new byte[][] {prefix, prefixUpperBound(prefix)};
    }

    private static byte[][] bounds(byte[] prefix, FieldCondition c) {
        byte[] from = prefix;
        byte[] to = prefixUpperBound(prefix);
        if (c.lower().isPresent()) {
            byte[] v = concat(prefix, encode(c.lower().get().value()));
            from = c.lower().get().inclusive() ? v : prefixUpperBound(v);
        }
        if (c.upper().isPresent()) {
            byte[] v = concat(prefix, encode(c.upper().get().value()));
            to = c.upper().get().inclusive() ? prefixUpperBound(v) : v;
        }
        if (c.in().isPresent() && c.lower().isEmpty() && c.upper().isEmpty()) {
            List<byte[]> keys = c.in().get().stream()
                    .map(IndexKeys::encode)
                    .sorted(comparator())
                    .toList();
            if (!keys.isEmpty()) {
                from = concat(prefix, keys.getFirst());
                to = prefixUpperBound(concat(prefix, keys.getLast()));
            }
        }
        return new byte[][] {from, to};
    }

    /** The bytes of {@code a} then those of {@code b}. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A key (empty) that sorts before or equal to every key. */
    public static byte[] lowest() {
        return LOWEST.clone();
    }

    /** A key (0xFF) that sorts after every encoded key. */
    public static byte[] highest() {
        return HIGHEST.clone();
    }

    /** An inclusive lower bound of the keys of every value of the given type. */
    public static byte[] typeLowerBound(JsonType type) {
        return new byte[] {(byte) firstTag(type)};
    }

    /** An exclusive upper bound of the keys of every value of the given type. */
    public static byte[] typeUpperBound(JsonType type) {
        return new byte[] {(byte) (lastTag(type) + 1)};
    }

    /** Unsigned lexicographic order of byte arrays, the order of these keys. */
    public static Comparator<byte[]> comparator() {
        return Arrays::compareUnsigned;
    }

    private static int firstTag(JsonType type) {
        return type == JsonType.BOOLEAN ? KeyEncoder.FALSE : lastTag(type);
    }

    private static int lastTag(JsonType type) {
        return switch (type) {
            case NULL -> KeyEncoder.NULL;
            case BOOLEAN -> KeyEncoder.TRUE;
            case NUMBER -> KeyEncoder.NUMBER;
            case STRING -> KeyEncoder.STRING;
            case ARRAY -> KeyEncoder.ARRAY;
            case OBJECT -> KeyEncoder.OBJECT;
        };
    }
}
