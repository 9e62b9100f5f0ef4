package dev.hearth.itests.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * Bytes on the wire held as Latin-1 strings, one char per byte, so that request lines and header
 * values can carry any byte (NUL, 0xFF, a lone UTF-8 continuation byte) that a String built from
 * text could not. Also the escaping that prints such bytes in a report.
 */
final class Wire {
    static final String CRLF = "\r\n";

    private Wire() {}

    /** The bytes of a Latin-1 string; a char above 0xFF is a bug of the fuzzer, not a mutation. */
    static byte[] bytes(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("Not a wire string at " + i + ": " + latin1);
            }
        }
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Text as its UTF-8 bytes on the wire. */
    static String utf8(String text) {
        return latin1(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, over the UTF-8 bytes of {@code text}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * A printable form of raw bytes: printable ASCII as is, CR LF as {@code \r\n} followed by a line
     * break, anything else as {@code \xNN}; cut after {@code max} bytes with the size left.
     */
    static String escape(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        int n = Math.min(bytes.length, max);
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xFF;
            if (c == '\n') {
                out.append("\\n\n    ");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        if (bytes.length > n) {
            out.append("…(+").append(bytes.length - n).append(" bytes)");
        }
        return out.toString();
    }

    /** {@link #escape} on one line, for short excerpts. */
    static String oneLine(byte[] bytes, int max) {
        return escape(bytes, max).replace("\n    ", "");
    }
}
