package dev.hearth.itests.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a request body is framed on the wire: the two framings of HTTP/1.1, and the ways of
 * breaking them (chunk sizes that are not hex or overflow, a body shorter than announced, both
 * framings at once). Broken framing must get a 4xx, never a 5xx: the server reads the body, not
 * the client.
 */
enum Framing {
    /** No body and no framing header. */
    NONE(true),
    CONTENT_LENGTH(true),
    CHUNKED(true),
    /** The chunk size of the CVE-class bugs: {@code zz} is not hex. */
    CHUNK_SIZE_NOT_HEX(true),
    /** A chunk size that overflows a long. */
    CHUNK_SIZE_OVERFLOW(true),
    CHUNK_SIZE_NEGATIVE(true),
    /** Chunk data not followed by CRLF. */
    CHUNK_BAD_TERMINATOR(true),
    /** A chunk extension with control characters. */
    CHUNK_BAD_EXTENSION(true),
    /** The last chunk never comes: the client half-closes. */
    CHUNK_TRUNCATED(false),
    /** Content-Length announces more than is sent: the client half-closes. */
    LENGTH_TOO_LONG(false),
    /** Content-Length announces less than is sent; the rest looks like a second request. */
    LENGTH_TOO_SHORT(true),
    LENGTH_NOT_A_NUMBER(true),
    LENGTH_NEGATIVE(true),
    LENGTH_TWICE_DIFFERENT(true),
    /** Both framings: the request smuggling pattern. */
    LENGTH_AND_CHUNKED(true),
    /** A transfer coding the server does not implement (RFC 9112 allows 501 for it). */
    UNKNOWN_TRANSFER_CODING(true);

    private final boolean complete;

    Framing(boolean complete) {
        this.complete = complete;
    }

    /** Whether the whole announced body is sent; an incomplete one may be dropped without an answer. */
    boolean complete() {
        return complete;
    }

    /** The broken framings, for the generator. */
    static List<Framing> broken() {
        List<Framing> out = new ArrayList<>(List.of(values()));
        out.removeAll(List.of(NONE, CONTENT_LENGTH, CHUNKED));
        return out;
    }

    /** The framing headers and the framed body bytes. */
    record Framed(List<Header> headers, byte[] bytes) {}

    Framed frame(byte[] body) {
        int n = body.length;
        return switch (this) {
            case NONE -> new Framed(List.of(), new byte[0]);
            case CONTENT_LENGTH -> new Framed(List.of(length(n)), body);
            case CHUNKED -> new Framed(List.of(chunked()), chunks(body, true));
            case CHUNK_SIZE_NOT_HEX -> new Framed(List.of(chunked()), concat("zz\r\n", body, "\r\n0\r\n\r\n"));
            case CHUNK_SIZE_OVERFLOW ->
                new Framed(List.of(chunked()), concat("ffffffffffffffff\r\n", body, "\r\n0\r\n\r\n"));
            case CHUNK_SIZE_NEGATIVE ->
                new Framed(List.of(chunked()), concat("-" + Integer.toHexString(n) + "\r\n", body, "\r\n0\r\n\r\n"));
            case CHUNK_BAD_TERMINATOR ->
                new Framed(List.of(chunked()), concat(Integer.toHexString(n) + "\r\n", body, "XX0\r\n\r\n"));
            case CHUNK_BAD_EXTENSION ->
                new Framed(
                        List.of(chunked()),
                        concat(Integer.toHexString(n) + ";ext=\"\u0000\u0001\"\r\n", body, "\r\n0\r\n\r\n"));
            case CHUNK_TRUNCATED -> new Framed(List.of(chunked()), chunks(body, false));
            case LENGTH_TOO_LONG -> new Framed(List.of(length(n + 100)), body);
            case LENGTH_TOO_SHORT -> new Framed(List.of(length(n / 2)), body);
            case LENGTH_NOT_A_NUMBER -> new Framed(List.of(new Header("Content-Length", "1x" + n)), body);
            case LENGTH_NEGATIVE -> new Framed(List.of(new Header("Content-Length", "-" + n)), body);
            case LENGTH_TWICE_DIFFERENT -> new Framed(List.of(length(n), length(n + 1)), body);
            case LENGTH_AND_CHUNKED -> new Framed(List.of(length(n), chunked()), chunks(body, true));
            case UNKNOWN_TRANSFER_CODING ->
                new Framed(List.of(new Header("Transfer-Encoding", "gzip, xchunked")), body);
        };
    }

    private static Header length(long n) {
        return new Header("Content-Length", Long.toString(n));
    }

    private static Header chunked() {
        return new Header("Transfer-Encoding", "chunked");
    }

    /** The body in chunks of up to 4000 bytes, with or without the last chunk. */
    private static byte[] chunks(byte[] body, boolean last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        for (int from = 0; from < body.length; from += 4000) {
            int size = Math.min(4000, body.length - from);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, from, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (last) {
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
