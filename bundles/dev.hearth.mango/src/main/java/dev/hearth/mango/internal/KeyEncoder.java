package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.JsonType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes byte-comparable encodings of JSON values (see {@code IndexKeys} for the layout).
 * Every encoding is self-delimiting, so concatenated encodings compare element by element.
 */
public final class KeyEncoder {
    public static final int END = 0x00;
    public static final int MEMBER = 0x01;
    public static final int NULL = 0x10;
    public static final int FALSE = 0x20;
    public static final int TRUE = 0x30;
    public static final int NUMBER = 0x40;
    public static final int STRING = 0x50;
    public static final int ARRAY = 0x60;
    public static final int OBJECT = 0x70;

    static final int NUM_NEGATIVE_INFINITY = 0x01;
    static final int NUM_NEGATIVE = 0x02;
    static final int NUM_ZERO = 0x03;
    static final int NUM_POSITIVE = 0x04;
    static final int NUM_POSITIVE_INFINITY = 0x05;
    static final int NUM_NAN = 0x06;

    private final Bytes out = new Bytes();

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A growable byte array (unlike ByteArrayOutputStream, not synchronized). */
    static final class Bytes {
        private byte[] buffer = new byte[64];
        private int size;

        void write(int b) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, size * 2);
            }
            buffer[size++] = (byte) b;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** Appends the encoding of one value. */
    public KeyEncoder value(JsonNode node) {
        switch (JsonType.of(node)) {
            case NULL -> out.write(NULL);
            case BOOLEAN -> out.write(node.booleanValue() ? TRUE : FALSE);
            case NUMBER -> number(node);
            case STRING -> {
                out.write(STRING);
                string(node.asText());
            }
            case ARRAY -> {
                out.write(ARRAY);
                node.forEach(this::value);
                out.write(END);
            }
            case OBJECT -> object(node);
        }
        return this;
    }

    private void object(JsonNode node) {
        out.write(OBJECT);
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            out.write(MEMBER);
            string(member.getKey());
            value(member.getValue());
        }
        out.write(END);
    }

    /**
     * The collation key, a sequence of 16-bit units, each written as an order-preserving token
     * (units below 0x7F as one byte {@code unit + 1}, then two bytes with a lead byte 0x80-0xBF,
     * then 0xC0 and the unit), then the terminator 0x00, which sorts before every token.
     */
    private void string(String s) {
        byte[] key = StringCollator.key(s);
        for (int i = 0; i + 1 < key.length; i += 2) {
            unit(((key[i] & 0xFF) << 8) | (key[i + 1] & 0xFF));
        }
        out.write(0x00);
    }

    private void unit(int unit) {
        if (unit < 0x7F) {
            out.write(unit + 1);
        } else if (unit < 0x7F + 0x4000) {
            int v = unit - 0x7F;
            out.write(0x80 | (v >>> 8));
            out.write(v & 0xFF);
        } else {
            out.write(0xC0);
            out.write(unit >>> 8);
            out.write(unit & 0xFF);
        }
    }

    private void number(JsonNode node) {
        out.write(NUMBER);
        switch (Numbers.kind(node)) {
            case NEGATIVE_INFINITY -> out.write(NUM_NEGATIVE_INFINITY);
            case POSITIVE_INFINITY -> out.write(NUM_POSITIVE_INFINITY);
            case NAN -> out.write(NUM_NAN);
            case FINITE -> finite(Numbers.decimal(node));
        }
    }

    private void finite(BigDecimal value) {
        int sign = value.signum();
        if (sign == 0) {
            out.write(NUM_ZERO);
            return;
        }
        out.write(sign > 0 ? NUM_POSITIVE : NUM_NEGATIVE);
        if (sign > 0) {
            magnitude(value.stripTrailingZeros(), out);
            return;
        }
        Bytes magnitude = new Bytes();
        magnitude(value.negate().stripTrailingZeros(), magnitude);
        for (byte b : magnitude.toByteArray()) {
            out.write(~b);
        }
    }

    /**
     * For {@code x = 0.d1d2...dn × 10^e} with {@code d1 != 0} and {@code dn != 0}: the exponent
     * {@code e} in an order-preserving variable-length form, then the digits in pairs (one byte
     * {@code 1 + 10*a + b} per pair, the last digit padded with 0), then 0x00.
     */
    private static void magnitude(BigDecimal x, Bytes bytes) {
        exponent(bytes, (long) x.precision() - x.scale());
        String digits = x.unscaledValue().toString();
        for (int i = 0; i < digits.length(); i += 2) {
            int hi = digits.charAt(i) - '0';
            int lo = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            bytes.write(1 + 10 * hi + lo);
        }
        bytes.write(0x00);
    }

    /** 0x40..0xBF for -64..63; else a length header (0xC1.. up, 0x3E.. down) and big-endian bytes. */
    private static void exponent(Bytes bytes, long e) {
        if (e >= -64 && e <= 63) {
            bytes.write((int) (0x80 + e));
            return;
        }
        int n = e > 0 ? unsignedLength(e) : signedLength(e);
        bytes.write(e > 0 ? 0xC0 + n : 0x3F - n);
        for (int i = n - 1; i >= 0; i--) {
            bytes.write((int) (e >>> (8 * i)) & 0xFF);
        }
    }

    private static int unsignedLength(long e) {
        return (64 - Long.numberOfLeadingZeros(e) + 7) / 8;
    }

    private static int signedLength(long e) {
        return (64 - Long.numberOfLeadingZeros(~e) + 1 + 7) / 8;
    }
}
