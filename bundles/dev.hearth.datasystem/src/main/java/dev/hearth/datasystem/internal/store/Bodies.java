package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Stored bodies (JSON objects without the special fields) and the documents they make. */
final class Bodies {
    private Bodies() {}

    /** The document of a revision as a tree: {@code _id}, {@code _rev} and the body's fields. */
    static ObjectNode document(String id, String rev, byte[] body) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("_rev", rev);
        try {
            doc.setAll((ObjectNode) Json.mapper().readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored body of " + id + " is not JSON", e);
        }
        return doc;
    }
}
