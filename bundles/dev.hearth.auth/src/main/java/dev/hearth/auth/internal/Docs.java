package dev.hearth.auth.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.WriteResult;
import java.util.List;
import java.util.Optional;

/** The few document operations the auth state needs, over a doctype's database. */
final class Docs {
    /** More documents than an instance should ever hold of one auth doctype. */
    private static final int MAX_LISTED = 10_000;

    private Docs() {}

    /** The live document with this id, if any. */
    static Optional<ObjectNode> get(Database db, String id) {
        try {
            return Optional.of(Documents.json(db.get(id, null, false)));
        } catch (CouchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every live document, in id order. */
    static List<ObjectNode> all(Database db) {
        if (!db.exists()) {
            return List.of();
        }
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("selector").putObject("_id").putNull("$gt");
        query.put("limit", MAX_LISTED);
        FindResult found = db.find(query);
        return found.docs();
    }

    /** Saves a document (with its {@code _rev} when it is an update) and returns its new revision. */
    static String save(Database db, ObjectNode doc) {
        WriteResult saved = db.save(doc);
        if (!saved.isOk()) {
            throw new CouchException(409, "conflict", "Document update conflict.");
        }
        doc.put("_rev", saved.rev());
        return saved.rev();
    }

    /** Deletes a document; one already gone is fine. */
    static void delete(Database db, ObjectNode doc) {
        ObjectNode tombstone = Json.mapper().createObjectNode();
        tombstone.put("_id", doc.path("_id").asText());
        tombstone.put("_rev", doc.path("_rev").asText());
        tombstone.put("_deleted", true);
        try {
            db.save(tombstone);
        } catch (CouchException e) {
            if (e.status() != 404 && e.status() != 409) {
                throw e;
            }
        }
    }
}
