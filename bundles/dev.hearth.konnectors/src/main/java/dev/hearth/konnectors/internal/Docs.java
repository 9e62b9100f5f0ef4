package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** Documents read from a database as JSON trees. */
final class Docs {
    private Docs() {}

    /**
     * The current revision of a document with its {@code _id} and {@code _rev}.
     *
     * @throws dev.hearth.common.error.CouchException 404 when it is missing or deleted
     */
    static ObjectNode get(Database db, String id) {
        return get(db, id, null);
    }

    /**
     * A revision of a document with its {@code _id} and {@code _rev}: the current one when {@code
     * rev} is null.
     *
     * @throws dev.hearth.common.error.CouchException 404 when it is missing (or, current, deleted)
     */
    static ObjectNode get(Database db, String id, @Nullable String revision) {
        Revision rev = db.get(id, revision, false);
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
