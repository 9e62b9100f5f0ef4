package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.web.Call;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Request bodies of the {@code /data} routes, read by the toolkit, refused with CouchDB's errors. */
final class DataBodies {
    /** Largest body of a single-document write (the engine checks the document limit itself). */
    static final int MAX_DOC = 16 * 1024 * 1024;
    /** Largest body of a bulk request. */
    static final int MAX_BULK = 256 * 1024 * 1024;

    private DataBodies() {}

    /**
     * The body as a JSON object.
     *
     * @param notObject CouchDB's reason when the body is JSON but not an object
     */
    static ObjectNode object(Call call, int maxBytes, String notObject) throws IOException {
        JsonNode node;
        try {
            node = call.readJson(maxBytes);
        } catch (ApiException e) {
            if (e.status() == 400) {
                throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
            }
            throw e;
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new CouchException(400, "bad_request", notObject);
    }

    private static final byte[] DOCS = "{\"docs\":[".getBytes(StandardCharsets.US_ASCII);

    /**
     * A JSON object whose first member is {@code docs}, the given documents (JSON objects),
     * followed by the members of {@code rest} (a JSON object with at least one member).
     */
    static byte[] withDocs(List<byte[]> docs, byte[] rest) {
        // The exact size: each byte is copied once, into the answer itself.
        int size = DOCS.length + Math.max(0, docs.size() - 1) + 2 + rest.length - 1;
        for (byte[] doc : docs) {
            size += doc.length;
        }
        byte[] out = new byte[size];
        System.arraycopy(DOCS, 0, out, 0, DOCS.length);
        int at = DOCS.length;
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] doc = docs.get(i);
            System.arraycopy(doc, 0, out, at, doc.length);
            at += doc.length;
        }
        out[at++] = ']';
        out[at++] = ',';
        System.arraycopy(rest, 1, out, at, rest.length - 1);
        return out;
    }

    /**
     * The members of a Mango answer after its documents when there are no statistics and no
     * warning, as a JSON object: {@code limit}, {@code next} and {@code bookmark}, written
     * without a generator.
     */
    static byte[] findTail(long limit, boolean next, String bookmark) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + bookmark.length());
        out.writeBytes(ascii("{\"limit\":" + limit + ",\"next\":" + next + ",\"bookmark\":\""));
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(bookmark));
        out.write('"');
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A bulk request's body: a JSON object of at most {@link #MAX_BULK} bytes. */
    static ObjectNode bulk(Call call) throws IOException {
        return object(call, MAX_BULK, "Request body must be a JSON object");
    }
}
