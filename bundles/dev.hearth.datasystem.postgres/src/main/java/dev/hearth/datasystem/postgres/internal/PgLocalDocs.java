package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.DocIds;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Local documents ({@code _local/}): never replicated, revisions {@code 0-N}. */
final class PgLocalDocs {
    private static final String PREFIX = "_local/";
    private static final String KEY = " WHERE instance = ? AND doctype = ? AND id = ?";

    private PgLocalDocs() {}

    static ObjectNode get(PgDatabase db, String id) {
        DocIds.checkLocal(id);
        ObjectNode doc = Sql.read(db.server(), c -> read(c, db, id));
        if (doc == null) {
            throw new CouchException(404, "not_found", "missing");
        }
        return doc;
    }

    static WriteResult put(PgDatabase db, String id, ObjectNode doc) {
        DocIds.checkLocal(id);
        check(doc, db.maxDocumentBytes());
        return db.write(w -> {
            Connection c = w.connection();
            int current = current(c, db, id);
            JsonNode given = doc.get("_rev");
            String asked = given == null || given.isNull() ? "" : given.asText();
            if (current > 0 ? !asked.equals("0-" + current) : !asked.isEmpty() && !asked.equals("0-0")) {
                throw new CouchException(409, "conflict", "Document update conflict.");
            }
            return store(c, db, id, doc, current + 1);
        });
    }

    static WriteResult delete(PgDatabase db, String id, @Nullable String rev) {
        DocIds.checkLocal(id);
        return db.write(w -> {
            int current = current(w.connection(), db, id);
            if (current == 0) {
                throw new CouchException(404, "not_found", "missing");
            }
            if (rev == null || !rev.equals("0-" + current)) {
                throw new CouchException(409, "conflict", "Document update conflict.");
            }
            Jdbc.update(w.connection(), "DELETE FROM local_docs" + KEY, db.instance(), db.doctype(), id);
            return WriteResult.ok(PREFIX + id, "0-0");
        });
    }

    static List<ObjectNode> all(PgDatabase db) {
        return Sql.read(db.server(), c -> {
            List<ObjectNode> out = new ArrayList<>();
            try (PreparedStatement s = Jdbc.prepare(
                            c,
                            "SELECT id, rev, body FROM local_docs WHERE instance = ? AND doctype = ? ORDER BY id",
                            db.instance(),
                            db.doctype());
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(document(r.getString(1), r.getInt(2), r.getString(3)));
                }
            }
            return out;
        });
    }

    static WriteResult restore(PgDatabase db, ObjectNode doc) {
        String id = doc.path("_id").asText("");
        if (!id.startsWith(PREFIX)) {
            throw new CouchException(400, "bad_request", "Not a local document: " + id);
        }
        String local = id.substring(PREFIX.length());
        DocIds.checkLocal(local);
        String rev = doc.path("_rev").asText("");
        if (!rev.matches("0-[1-9][0-9]{0,8}")) {
            throw new CouchException(400, "bad_request", "Invalid rev format");
        }
        check(doc, db.maxDocumentBytes());
        return db.write(w -> store(w.connection(), db, local, doc, Integer.parseInt(rev.substring(2))));
    }

    private static void check(ObjectNode doc, int maxBytes) {
        if (Json.storedBytes(doc).length > maxBytes) {
            throw new CouchException(413, "document_too_large", PREFIX);
        }
    }

    private static WriteResult store(Connection c, PgDatabase db, String id, ObjectNode doc, int rev)
            throws SQLException {
        ObjectNode body = doc.deepCopy();
        body.remove("_id");
        body.remove("_rev");
        Jdbc.update(
                c,
                "INSERT INTO local_docs (instance, doctype, id, rev, body) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (instance, doctype, id) DO UPDATE SET rev = EXCLUDED.rev, body = EXCLUDED.body",
                db.instance(),
                db.doctype(),
                id,
                rev,
                body.toString());
        return WriteResult.ok(PREFIX + id, "0-" + rev);
    }

    private static int current(Connection c, PgDatabase db, String id) throws SQLException {
        try (PreparedStatement s =
                        Jdbc.prepare(c, "SELECT rev FROM local_docs" + KEY, db.instance(), db.doctype(), id);
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static @Nullable ObjectNode read(Connection c, PgDatabase db, String id) throws SQLException {
        try (PreparedStatement s =
                        Jdbc.prepare(c, "SELECT rev, body FROM local_docs" + KEY, db.instance(), db.doctype(), id);
                ResultSet r = s.executeQuery()) {
            return r.next() ? document(id, r.getInt(1), r.getString(2)) : null;
        }
    }

    private static ObjectNode document(String id, int rev, String body) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", PREFIX + id);
        doc.put("_rev", "0-" + rev);
        try {
            doc.setAll((ObjectNode) Json.mapper().readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return doc;
    }
}
