package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a database's json indexes in {@code mango_keys}: each key is the index's
 * byte-comparable key ({@link IndexDef#key}), so PostgreSQL's bytea order is the embedded
 * engine's index order. Writers move a document's entries in the transaction that writes it, and
 * build an index when a design document declares it, so {@code _find} reads its own writes.
 */
final class PgIndexKeys {
    private static final String WHERE = " WHERE instance = ? AND doctype = ?";
    /** Locks a database's row, the writers' turn, and reads its sequence. */
    static final String LOCK = "SELECT seq FROM dbs" + WHERE + " FOR UPDATE";

    private static final String INSERT =
            "INSERT INTO mango_keys (instance, doctype, ddoc, name, key, id) VALUES (?, ?, ?, ?, ?, ?)";

    private final Connection c;
    private final String instance;
    private final String doctype;
    private @Nullable List<IndexDef> indexes;

    PgIndexKeys(Connection c, String instance, String doctype) {
        this.c = c;
        this.instance = instance;
        this.doctype = doctype;
    }

    /** The json indexes of a database, as its design documents declare them. */
    static List<IndexDef> indexes(Connection c, String instance, String doctype) throws SQLException {
        List<IndexDef> out = new ArrayList<>();
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT ddoc, name, definition FROM mango_indexes" + WHERE + " ORDER BY ddoc, name",
                        instance,
                        doctype);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.addAll(declared(r.getString(1), r.getString(2), r.getString(3)));
            }
        }
        return out;
    }

    /**
     * Starts a snapshot of the database ({@link Sql#snapshot}) and reads its indexes in the same
     * round trip; 404 when the database does not exist.
     */
    static List<IndexDef> snapshotIndexes(Connection c, String instance, String doctype) throws SQLException {
        List<IndexDef> out = new ArrayList<>();
        boolean exists = false;
        try (PreparedStatement s = Sql.snapshot(
                        c,
                        "SELECT m.ddoc, m.name, m.definition FROM dbs d LEFT JOIN mango_indexes m"
                                + " ON m.instance = d.instance AND m.doctype = d.doctype"
                                + " WHERE d.instance = ? AND d.doctype = ? ORDER BY m.ddoc, m.name",
                        instance,
                        doctype);
                ResultSet r = s.getResultSet()) {
            while (r.next()) {
                exists = true;
                if (r.getString(1) != null) {
                    out.addAll(declared(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
        }
        if (!exists) {
            throw new CouchException(404, "not_found", "Database does not exist.");
        }
        return out;
    }

    private static List<IndexDef> declared(String ddocId, String name, String definition) {
        try {
            ObjectNode ddoc = Json.mapper().createObjectNode().put("language", "query");
            ddoc.putObject("views").set(name, Json.mapper().readTree(definition));
            return IndexDef.fromDesignDoc(ddocId, ddoc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The revision trees of those of {@code ids} that exist, by id, read in one query with the
     * database's indexes when they are not known yet. The database's row is locked first in the
     * same round trip and its sequence put in {@code lockedSeq[0]} (-1 without a row): each statement of a READ COMMITTED transaction reads as of its own start, so
     * the trees are read once the lock is held and see every write committed before it.
     */
    Map<String, byte[]> readWith(List<String> ids, long[] lockedSeq) throws SQLException {
        Map<String, byte[]> trees = new HashMap<>();
        List<String[]> declarations = new ArrayList<>();
        String read = "SELECT id, tree, NULL, NULL FROM docs" + WHERE
                + " AND id = ANY(?) UNION ALL SELECT ddoc, NULL, name, definition FROM mango_indexes" + WHERE
                + " AND ?";
        try (PreparedStatement s = c.prepareStatement(LOCK + "; " + read)) {
            int p = 1;
            s.setString(p++, instance);
            s.setString(p++, doctype);
            s.setString(p++, instance);
            s.setString(p++, doctype);
            s.setArray(p++, c.createArrayOf("text", ids.toArray()));
            s.setString(p++, instance);
            s.setString(p++, doctype);
            s.setBoolean(p, indexes == null);
            s.execute();
            try (ResultSet r = s.getResultSet()) {
                lockedSeq[0] = r.next() ? r.getLong(1) : -1;
            }
            s.getMoreResults();
            try (ResultSet r = s.getResultSet()) {
                while (r.next()) {
                    byte[] tree = r.getBytes(2);
                    if (tree != null) {
                        trees.put(r.getString(1), tree);
                    } else {
                        declarations.add(new String[] {r.getString(1), r.getString(3), r.getString(4)});
                    }
                }
            }
        }
        if (indexes == null) {
            declarations.sort(Comparator.<String[], String>comparing(d -> d[0]).thenComparing(d -> d[1]));
            List<IndexDef> known = new ArrayList<>();
            declarations.forEach(d -> known.addAll(declared(d[0], d[1], d[2])));
            indexes = known;
        }
        return trees;
    }

    /**
     * Adds to {@code sql} (and its {@code params}) the statements that replace the entries of
     * written documents by those of their new winners (none when deleted): nothing without an
     * index.
     */
    void moved(Collection<DocRecord> records, StringBuilder sql, List<Object> params) throws SQLException {
        if (indexes == null) {
            indexes = indexes(c, instance, doctype);
        }
        if (indexes.isEmpty()) {
            return;
        }
        sql.append("; DELETE FROM mango_keys" + WHERE + " AND id = ANY(?)");
        params.addAll(List.of(
                instance,
                doctype,
                c.createArrayOf("text", records.stream().map(r -> r.id).toArray())));
        List<String> ddocs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (DocRecord record : records) {
            RevNode winner = record.winnerNode();
            if (winner.deleted || winner.body == null) {
                continue;
            }
            ObjectNode doc = Bodies.document(record.id, winner.rev(), winner.body);
            for (IndexDef def : indexes) {
                byte[] key = def.key(doc, record.id);
                if (key != null) {
                    ddocs.add(def.ddoc());
                    names.add(def.name());
                    keys.add(key);
                    ids.add(record.id);
                }
            }
        }
        if (!keys.isEmpty()) {
            sql.append("; INSERT INTO mango_keys (instance, doctype, ddoc, name, key, id)"
                    + " SELECT ?, ?, u.* FROM unnest(?::text[], ?::text[], ?::bytea[], ?::text[]) AS u");
            params.addAll(List.of(
                    instance,
                    doctype,
                    c.createArrayOf("text", ddocs.toArray()),
                    c.createArrayOf("text", names.toArray()),
                    c.createArrayOf("bytea", keys.toArray(new byte[0][])),
                    c.createArrayOf("text", ids.toArray())));
        }
    }

    /** Drops a document's entries. */
    void removed(String id) throws SQLException {
        Jdbc.update(c, "DELETE FROM mango_keys" + WHERE + " AND id = ?", instance, doctype, id);
    }

    /**
     * A design document now declares {@code after}: the entries of the indexes it no longer
     * declares go, the indexes it newly declares are built from every live document.
     */
    void designChanged(String ddocId, List<IndexDef> after) throws SQLException {
        List<IndexDef> before = indexes(c, instance, doctype).stream()
                .filter(d -> ("_design/" + d.ddoc()).equals(ddocId))
                .toList();
        for (IndexDef old : before) {
            if (!after.contains(old)) {
                drop(old);
            }
        }
        for (IndexDef def : after) {
            if (!before.contains(def)) {
                drop(def);
                build(def);
            }
        }
        indexes = null;
    }

    private void drop(IndexDef def) throws SQLException {
        Jdbc.update(
                c,
                "DELETE FROM mango_keys" + WHERE + " AND ddoc = ? AND name = ?",
                instance,
                doctype,
                def.ddoc(),
                def.name());
    }

    private void build(IndexDef def) throws SQLException {
        try (PreparedStatement read = Jdbc.prepare(
                        c,
                        "SELECT id, tree FROM docs" + WHERE + " AND NOT deleted AND id NOT LIKE '\\_design/%'",
                        instance,
                        doctype);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            read.setFetchSize(500);
            int pending = 0;
            try (ResultSet r = read.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    DocCodec.Winner w = DocCodec.winner(r.getBytes(2));
                    if (add(insert, def, Bodies.document(id, w.rev(), w.body()), id) && ++pending == 500) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            insert.executeBatch();
        }
    }

    private boolean add(PreparedStatement s, IndexDef def, ObjectNode doc, String id) throws SQLException {
        byte[] key = def.key(doc, id);
        if (key == null) {
            return false;
        }
        s.setString(1, instance);
        s.setString(2, doctype);
        s.setString(3, def.ddoc());
        s.setString(4, def.name());
        s.setBytes(5, key);
        s.setString(6, id);
        s.addBatch();
        return true;
    }
}
