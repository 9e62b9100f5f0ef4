package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.web.Call;
import java.io.IOException;

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

    /** A bulk request's body: a JSON object of at most {@link #MAX_BULK} bytes. */
    static ObjectNode bulk(Call call) throws IOException {
        return object(call, MAX_BULK, "Request body must be a JSON object");
    }
}
