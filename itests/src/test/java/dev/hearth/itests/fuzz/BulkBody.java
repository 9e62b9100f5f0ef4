package dev.hearth.itests.fuzz;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code _bulk_docs} body of a given size, made as it is read: {@code {"docs":[...]}} of
 * fixed-width documents of about 1 KB, so the test holds one document at a time, never the body.
 * Optionally framed as chunked transfer coding, for a server that cannot know the size up front.
 */
final class BulkBody extends InputStream {
    private static final int DOC_BYTES = 1024;
    private static final byte[] PREFIX = "{\"docs\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private enum Stage {
        PREFIX,
        DOCS,
        SUFFIX,
        LAST_CHUNK,
        DONE
    }

    private final String prefix;
    private final long docs;
    private final boolean chunked;
    private Stage stage = Stage.PREFIX;
    private long next;
    private byte[] current = new byte[0];
    private int position;

    /**
     * @param name the start of every document id, so concurrent bulks do not collide
     * @param maxBytes the body is the largest whole number of documents that fits
     */
    BulkBody(String name, long maxBytes, boolean chunked) {
        this.prefix = name;
        this.docs = (maxBytes - PREFIX.length - SUFFIX.length + 1) / (DOC_BYTES + 1);
        this.chunked = chunked;
    }

    /** The size of the JSON body (without chunk framing). */
    long length() {
        return PREFIX.length + SUFFIX.length + docs * (DOC_BYTES + 1) - 1;
    }

    long documents() {
        return docs;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position == current.length && !refill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    /** The next piece: the prefix, a batch of documents, the suffix, each in its chunk if chunked. */
    private boolean refill() {
        byte[] piece = switch (stage) {
            case PREFIX -> {
                stage = docs > 0 ? Stage.DOCS : Stage.SUFFIX;
                yield PREFIX;
            }
            case DOCS -> {
                StringBuilder batch = new StringBuilder(64 * (DOC_BYTES + 1));
                long end = Math.min(docs, next + 64);
                for (long i = next; i < end; i++) {
                    batch.append(i == 0 ? "" : ",").append(doc(i));
                }
                next = end;
                stage = next < docs ? Stage.DOCS : Stage.SUFFIX;
                yield batch.toString().getBytes(StandardCharsets.US_ASCII);
            }
            case SUFFIX -> {
                stage = chunked ? Stage.LAST_CHUNK : Stage.DONE;
                yield SUFFIX;
            }
            case LAST_CHUNK -> {
                stage = Stage.DONE;
                yield null;
            }
            case DONE -> new byte[0];
        };
        if (stage == Stage.DONE && piece != null && piece.length == 0) {
            return false;
        }
        current = chunked ? chunk(piece) : piece;
        position = 0;
        return true;
    }

    private String doc(long i) {
        // Fixed width without leading zeros, which JSON numbers may not have.
        String head = String.format("{\"_id\":\"%s-%09d\",\"n\":%d,\"pad\":\"", prefix, i, 100_000_000 + i);
        return head + "p".repeat(DOC_BYTES - head.length() - 2) + "\"}";
    }

    private static byte[] chunk(byte[] data) {
        if (data == null) {
            return "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }
}
