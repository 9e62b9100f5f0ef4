package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.FindScan;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.IndexRequest;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.mango.FieldCondition;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.Selector;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Mango on PostgreSQL: {@link FindScan} plans the query as on the embedded engine; the chosen
 * index's key range is read from {@code mango_keys} in key order (an index range scan of its
 * primary key, joined to the documents), the primary index from {@code docs} in id order, in
 * batches of about what the page still needs, all in one snapshot. Each candidate is checked
 * against the whole selector in Java, so answers, order and bookmarks equal the embedded engine's.
 */
final class PgFind {
    private static final int MAX_BATCH = 1000;

    private PgFind() {}

    static FindResult find(PgDatabase db, ObjectNode request) {
        return scan(db, request, false).result();
    }

    static JsonFindResult findJson(PgDatabase db, ObjectNode request) {
        return scan(db, request, true).jsonResult();
    }

    private static FindScan scan(PgDatabase db, ObjectNode request, boolean asText) {
        return Sql.transaction(db.server(), c -> {
            FindScan scan = FindScan.plan(request, PgIndexKeys.snapshotIndexes(c, db.instance(), db.doctype()), asText);
            FindScan.Records records = id -> Sql.unchecked(() -> {
                byte[] tree = PgReads.tree(c, db, id);
                return tree == null ? null : DocCodec.decode(id, tree);
            });
            if (scan.index() == null) {
                primary(c, db, scan, records);
            } else {
                index(c, db, scan, records);
            }
            return scan;
        });
    }

    /** The SQL of one batch of an index range, in key order. */
    static String indexSql(boolean descending, boolean after) {
        String low = descending || !after ? "k.key >= ?" : "k.key > ?";
        return "SELECT k.key, k.id, d.tree FROM mango_keys k JOIN docs d"
                + " ON d.instance = k.instance AND d.doctype = k.doctype AND d.id = k.id"
                + " WHERE k.instance = ? AND k.doctype = ? AND k.ddoc = ? AND k.name = ? AND " + low
                + " AND k.key < ? ORDER BY k.key" + (descending ? " DESC" : "") + " LIMIT ?";
    }

    private static void index(Connection c, PgDatabase db, FindScan scan, FindScan.Records records)
            throws SQLException {
        IndexDef def = scan.index();
        byte[] from = scan.from();
        byte[] to = scan.to();
        boolean after = false;
        int batch = Math.clamp(scan.wanted() + 1L, 16, MAX_BATCH);
        while (!scan.full()) {
            int read = 0;
            try (PreparedStatement s = Jdbc.prepare(
                            c,
                            indexSql(scan.descending(), after),
                            db.instance(),
                            db.doctype(),
                            def.ddoc(),
                            def.name(),
                            from,
                            to,
                            batch);
                    ResultSet r = s.executeQuery()) {
                while (r.next() && !scan.full()) {
                    read++;
                    byte[] key = r.getBytes(1);
                    scan.examined();
                    scan.consider(r.getString(2), key, DocCodec.winner(r.getBytes(3)), records);
                    if (scan.descending()) {
                        to = key;
                    } else {
                        from = key;
                        after = true;
                    }
                }
            }
            if (read < batch) {
                return;
            }
            batch = Math.min(batch * 2, MAX_BATCH);
        }
    }

    private static void primary(Connection c, PgDatabase db, FindScan scan, FindScan.Records records)
            throws SQLException {
        String after = scan.after();
        boolean inclusive = false;
        if (after != null && after.indexOf('\0') >= 0) {
            // PostgreSQL text holds no NUL: "a\0b" sorts right after "a", so ids after it are the
            // ids after "a", and ids before it are "a" and those before.
            after = after.substring(0, after.indexOf('\0'));
            inclusive = scan.descending();
        }
        int batch = Math.clamp(scan.wanted() + 1L, 16, MAX_BATCH);
        while (!scan.full()) {
            List<Object> params = new ArrayList<>(List.of(db.instance(), db.doctype()));
            StringBuilder sql = new StringBuilder("SELECT id, tree FROM docs WHERE instance = ? AND doctype = ?"
                    + " AND NOT deleted AND id NOT LIKE '\\_design/%'");
            if (after != null) {
                sql.append(scan.descending() ? (inclusive ? " AND id <= ?" : " AND id < ?") : " AND id > ?");
                params.add(after);
            }
            sql.append(" ORDER BY id").append(scan.descending() ? " DESC" : "").append(" LIMIT ?");
            params.add(batch);
            int read = 0;
            try (PreparedStatement s = Jdbc.prepare(c, sql.toString(), params.toArray());
                    ResultSet r = s.executeQuery()) {
                while (r.next() && !scan.full()) {
                    read++;
                    String id = r.getString(1);
                    scan.examined();
                    scan.consider(id, id.getBytes(StandardCharsets.UTF_8), DocCodec.winner(r.getBytes(2)), records);
                    after = id;
                    inclusive = false;
                }
            }
            if (read < batch) {
                return;
            }
            batch = Math.min(batch * 2, MAX_BATCH);
        }
    }

    /** The json indexes of the database. */
    static List<IndexDef> indexes(PgDatabase db) {
        return Sql.read(db.server(), c -> PgIndexKeys.indexes(c, db.instance(), db.doctype()));
    }

    /**
     * What a query would find: the size of an index range when the selector is exactly one
     * ({@link FindScan#exactIndex}), counted by PostgreSQL; otherwise counted by pages of ids.
     */
    static long count(PgDatabase db, ObjectNode selector, @Nullable String useIndex) {
        Map<String, FieldCondition> conditions = Selector.parse(selector).andedConditions();
        Long counted = Sql.transaction(db.server(), c -> {
            IndexDef index = FindScan.exactIndex(
                    PgIndexKeys.snapshotIndexes(c, db.instance(), db.doctype()), selector, useIndex);
            if (index == null) {
                return null;
            }
            byte[][] range = IndexKeys.scanRange(index.fields(), conditions);
            try (PreparedStatement s = Jdbc.prepare(
                            c,
                            "SELECT count(*) FROM mango_keys WHERE instance = ? AND doctype = ? AND ddoc = ?"
                                    + " AND name = ? AND key >= ? AND key < ?",
                            db.instance(),
                            db.doctype(),
                            index.ddoc(),
                            index.name(),
                            range[0],
                            range[1]);
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
        return counted != null ? counted : FindScan.countByPages(selector, useIndex, body -> find(db, body));
    }

    /** Mango {@code _index}: the design document of the index (its entries follow in the same transaction). */
    static ObjectNode createIndex(PgDatabase db, ObjectNode definition) {
        IndexRequest request = IndexRequest.parse(definition);
        Change made = indexes(db).contains(request.definition())
                ? null
                : db.write(w -> {
                    DocRecord existing = w.load(request.designId());
                    ObjectNode body = request.designBody(existing);
                    body.put("_id", request.designId());
                    String rev = IndexRequest.designRev(existing);
                    if (rev != null) {
                        body.put("_rev", rev);
                    }
                    return w.edit(DocInput.read(body, false, db.maxDocumentBytes()));
                });
        if (made != null) {
            db.published(made);
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("result", made != null ? "created" : "exists");
        answer.put("id", request.designId());
        answer.put("name", request.name());
        return answer;
    }
}
