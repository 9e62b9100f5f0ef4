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
    /** Deletes retried against concurrent writes before giving up; each write seen is one more. */
    static final int MAX_DELETE_ATTEMPTS = 50;

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

    /**
     * Deletes a document, at whatever revision it has by now. A conflict does not mean the
     * document is gone: someone wrote it since it was read (a session's {@code last_seen}, say),
     * and giving up would leave a logout or a revocation silently undone. So the current revision
     * is read again and the delete retried, until the document is deleted or missing (which is
     * fine: someone else deleted it).
     *
     * @throws CouchException 409 when the document changed under every one of
     *     {@value #MAX_DELETE_ATTEMPTS} attempts
     */
    static void delete(Database db, ObjectNode doc) {
        String id = doc.path("_id").asText();
        String rev = doc.path("_rev").asText();
        for (int attempt = 1; ; attempt++) {
            if (deleted(db, id, rev)) {
                return;
            }
            if (attempt == MAX_DELETE_ATTEMPTS) {
                throw new CouchException(409, "conflict", "Document update conflict.");
            }
            Optional<ObjectNode> current = get(db, id);
            if (current.isEmpty()) {
                return;
            }
            rev = current.get().path("_rev").asText();
        }
    }

    /** One delete attempt: true when the document is deleted or missing, false on a conflict. */
    private static boolean deleted(Database db, String id, String rev) {
        ObjectNode tombstone = Json.mapper().createObjectNode();
        tombstone.put("_id", id);
        tombstone.put("_rev", rev);
        tombstone.put("_deleted", true);
        try {
            return db.save(tombstone).isOk();
        } catch (CouchException e) {
            if (e.status() == 404) {
                return true;
            }
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
    }
}
