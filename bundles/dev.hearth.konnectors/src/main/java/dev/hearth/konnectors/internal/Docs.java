package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Documents read from a database as JSON trees. */
final class Docs {
    private Docs() {}

    /**
     * The current revision of a document with its {@code _id} and {@code _rev}.
     *
     * @throws dev.hearth.common.error.CouchException 404 when it is missing or deleted
     */
    static ObjectNode get(Database db, String id) {
        Revision rev = db.get(id, null, false);
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", rev.id()).put("_rev", rev.rev());
        try {
            doc.setAll((ObjectNode) Json.mapper().readTree(rev.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return doc;
    }
}
