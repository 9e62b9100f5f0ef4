package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.QueryParams;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.mango.Selector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The streamed reads: {@code _changes} and {@code _all_docs}, from one snapshot each. */
final class PgReads {
    private static final String WHERE = " WHERE instance = ? AND doctype = ?";

    private PgReads() {}

    static long count(Connection c, PgDatabase db, String condition) throws SQLException {
        try (PreparedStatement s =
                        Jdbc.prepare(c, "SELECT COUNT(*) FROM docs" + WHERE + condition, db.instance(), db.doctype());
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    static long seq(Connection c, PgDatabase db) throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(c, "SELECT seq FROM dbs" + WHERE, db.instance(), db.doctype());
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    static long purgeSeq(Connection c, PgDatabase db) throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(c, "SELECT purge_seq FROM dbs" + WHERE, db.instance(), db.doctype());
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    static byte @Nullable [] tree(Connection c, PgDatabase db, String id) throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(
                        c, "SELECT tree FROM docs" + WHERE + " AND id = ?", db.instance(), db.doctype(), id);
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getBytes(1) : null;
        }
    }

    /** The document of a record's winner as {@code _changes} and {@code _all_docs} show it. */
    static ObjectNode document(DocRecord record, boolean conflicts) {
        RevNode w = record.winnerNode();
        ObjectNode doc = Bodies.document(record.id, w.rev(), w.body == null ? new byte[] {'{', '}'} : w.body);
        if (w.deleted) {
            doc.put("_deleted", true);
        }
        if (conflicts && !record.conflicts().isEmpty()) {
            doc.set("_conflicts", Json.mapper().valueToTree(record.conflicts()));
        }
        return doc;
    }

    static void changes(PgDatabase db, ChangesQuery q, JsonGenerator out) throws IOException {
        Selector selector = q.selector() == null ? null : Selector.parse(q.selector());
        Sql.transaction(db.server(), c -> {
            db.existing(c);
            long current = seq(c, db);
            long since = Math.min(QueryParams.since(q.since(), current), current);
            long last = q.descending() ? current : since;
            long written = 0;
            boolean full = false;
            try (PreparedStatement s = Jdbc.prepare(
                    c,
                    "SELECT seq, id, tree FROM docs" + WHERE + " AND seq > ? ORDER BY seq"
                            + (q.descending() ? " DESC" : ""),
                    db.instance(),
                    db.doctype(),
                    q.descending() ? 0 : since)) {
                s.setFetchSize(500);
                try (ResultSet r = s.executeQuery()) {
                    out.writeStartObject();
                    out.writeArrayFieldStart("results");
                    while (!full && r.next()) {
                        DocRecord record = DocCodec.decode(r.getString(2), r.getBytes(3));
                        if (!wanted(q, selector, record)) {
                            continue;
                        }
                        last = r.getLong(1);
                        change(out, q, last, record);
                        full = q.limit() > 0 && ++written >= q.limit();
                    }
                }
                out.writeEndArray();
                out.writeStringField("last_seq", Long.toString(last));
                out.writeNumberField("pending", q.descending() || !full ? 0 : count(c, db, " AND seq > " + last));
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private static boolean wanted(ChangesQuery q, @Nullable Selector selector, DocRecord record) {
        if (q.docIds() != null && !q.docIds().contains(record.id)) {
            return false;
        }
        if (q.designOnly() && !record.id.startsWith("_design/")) {
            return false;
        }
        return selector == null || (!record.winnerNode().deleted && selector.matches(document(record, false)));
    }

    private static void change(JsonGenerator out, ChangesQuery q, long seq, DocRecord record) throws IOException {
        RevNode w = record.winnerNode();
        out.writeStartObject();
        out.writeStringField("seq", Long.toString(seq));
        out.writeStringField("id", record.id);
        out.writeArrayFieldStart("changes");
        List<String> revs = new ArrayList<>(List.of(w.rev()));
        if (q.allLeaves()) {
            for (int leaf : record.leaves()) {
                if (!record.nodes.get(leaf).rev().equals(w.rev())) {
                    revs.add(record.nodes.get(leaf).rev());
                }
            }
        }
        for (String rev : revs) {
            out.writeStartObject();
            out.writeStringField("rev", rev);
            out.writeEndObject();
        }
        out.writeEndArray();
        if (w.deleted) {
            out.writeBooleanField("deleted", true);
        }
        if (q.includeDocs()) {
            out.writeFieldName("doc");
            Json.mapper().writeTree(out, document(record, q.conflicts()));
        }
        out.writeEndObject();
    }

    static void allDocs(PgDatabase db, AllDocsQuery q, JsonGenerator out) throws IOException {
        QueryParams.checkKeys(q);
        Sql.transaction(db.server(), c -> {
            db.existing(c);
            try {
                out.writeStartObject();
                out.writeNumberField("total_rows", count(c, db, " AND NOT deleted"));
                out.writeNumberField("offset", q.keys() == null ? before(c, db, q) + q.skip() : 0);
                out.writeArrayFieldStart("rows");
                if (q.keys() != null) {
                    for (String key : q.keys()) {
                        keyRow(out, q, key, key.indexOf('\0') >= 0 ? null : tree(c, db, key));
                    }
                } else {
                    range(c, db, q, out);
                }
                out.writeEndArray();
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** The live documents before the start of the range. */
    private static long before(Connection c, PgDatabase db, AllDocsQuery q) throws SQLException {
        String start = q.startKey();
        if (start == null) {
            return 0;
        }
        int nul = start.indexOf('\0'); // no id has one: before "a\0b" means up to "a"
        String op = q.descending() ? ">" : nul >= 0 ? "<=" : "<";
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT COUNT(*) FROM docs" + WHERE + " AND NOT deleted AND id " + op + " ?",
                        db.instance(),
                        db.doctype(),
                        nul >= 0 ? start.substring(0, nul) : start);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void range(Connection c, PgDatabase db, AllDocsQuery q, JsonGenerator out)
            throws SQLException, IOException {
        List<Object> params = new ArrayList<>(List.of(db.instance(), db.doctype()));
        StringBuilder sql = new StringBuilder("SELECT id, tree FROM docs" + WHERE + " AND NOT deleted");
        if (!q.designDocs()) {
            sql.append(" AND id NOT LIKE '\\_design/%'");
        }
        String low = q.descending() ? q.endKey() : q.startKey();
        String high = q.descending() ? q.startKey() : q.endKey();
        if (low != null) {
            boolean open = q.descending() && !q.inclusiveEnd();
            // PostgreSQL text holds no NUL, nor do ids: the ids after "a\0b" are those after "a".
            int nul = low.indexOf('\0');
            sql.append(open || nul >= 0 ? " AND id > ?" : " AND id >= ?");
            params.add(nul >= 0 ? low.substring(0, nul) : low);
        }
        if (high != null) {
            boolean open = !q.descending() && !q.inclusiveEnd();
            // ... and the ids before "a\0b" are "a" and those before it.
            int nul = high.indexOf('\0');
            sql.append(open && nul < 0 ? " AND id < ?" : " AND id <= ?");
            params.add(nul >= 0 ? high.substring(0, nul) : high);
        }
        sql.append(" ORDER BY id").append(q.descending() ? " DESC" : "");
        if (q.limit() >= 0) {
            sql.append(" LIMIT ").append(q.limit());
        }
        sql.append(" OFFSET ").append(q.skip());
        try (PreparedStatement s = Jdbc.prepare(c, sql.toString(), params.toArray())) {
            s.setFetchSize(500);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    DocRecord record = DocCodec.decode(r.getString(1), r.getBytes(2));
                    out.writeStartObject();
                    out.writeStringField("id", record.id);
                    out.writeStringField("key", record.id);
                    out.writeObjectFieldStart("value");
                    out.writeStringField("rev", record.winnerNode().rev());
                    out.writeEndObject();
                    if (q.includeDocs()) {
                        out.writeFieldName("doc");
                        Json.mapper().writeTree(out, document(record, q.conflicts()));
                    }
                    out.writeEndObject();
                }
            }
        }
    }

    private static void keyRow(JsonGenerator out, AllDocsQuery q, String key, byte @Nullable [] tree)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("key", key);
        if (tree == null) {
            out.writeStringField("error", "not_found");
            out.writeEndObject();
            return;
        }
        DocRecord record = DocCodec.decode(key, tree);
        RevNode w = record.winnerNode();
        out.writeStringField("id", key);
        out.writeObjectFieldStart("value");
        out.writeStringField("rev", w.rev());
        if (w.deleted) {
            out.writeBooleanField("deleted", true);
        }
        out.writeEndObject();
        if (q.includeDocs()) {
            out.writeFieldName("doc");
            if (w.deleted) {
                out.writeNull();
            } else {
                Json.mapper().writeTree(out, document(record, q.conflicts()));
            }
        }
        out.writeEndObject();
    }
}
