package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DesignDocs;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.engine.Revs;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one transaction on one database. The database's row in {@code dbs} is locked
 * first, so the writers of a database take turns (as the embedded store's single writer) and its
 * sequence numbers are given in commit order: a changes feed never skips a write committed late.
 * A batch costs a few round trips whatever its size: {@link #begin} reads the revision trees
 * of its documents with the lock, and changed documents are kept until {@link #finish} (or a
 * design document) writes them in one batched statement, their index entries in two more.
 */
final class PgWrites {
    private final Connection c;
    private final String instance;
    private final String doctype;
    private final int revsLimit;
    private final PgIndexKeys keys;
    /** Trees read ahead by {@link #begin}; an id mapped to null is known to be absent. */
    private final Map<String, @Nullable DocRecord> read = new HashMap<>();
    /** Changed documents not yet written, in the order of their first change. */
    private final Map<String, DocRecord> unwritten = new LinkedHashMap<>();

    private long seq;

    private PgWrites(Connection c, String instance, String doctype, int revsLimit, long seq) {
        this.c = c;
        this.instance = instance;
        this.doctype = doctype;
        this.revsLimit = revsLimit;
        this.keys = new PgIndexKeys(c, instance, doctype);
        this.seq = seq;
    }

    /** Creates the database if needed and locks it until the transaction ends. */
    static PgWrites begin(Connection c, String instance, String doctype, int revsLimit) throws SQLException {
        return begin(c, instance, doctype, revsLimit, List.of());
    }

    /**
     * Creates the database if needed and locks it until the transaction ends, reading the trees
     * of the documents a batch will write (and the database's indexes) in the same round trip;
     * design documents are left to be read alone.
     */
    static PgWrites begin(Connection c, String instance, String doctype, int revsLimit, Collection<String> ids)
            throws SQLException {
        PgWrites w = new PgWrites(c, instance, doctype, revsLimit, 0);
        long[] seq = {-1};
        w.lockAndRead(ids, seq);
        if (seq[0] < 0) {
            Jdbc.update(
                    c,
                    "INSERT INTO dbs (instance, doctype) VALUES (?, ?) ON CONFLICT (instance, doctype) DO NOTHING",
                    instance,
                    doctype);
            w = new PgWrites(c, instance, doctype, revsLimit, 0); // what was read before the lock is stale
            w.lockAndRead(ids, seq);
        }
        w.seq = seq[0];
        return w;
    }

    private void lockAndRead(Collection<String> ids, long[] seq) throws SQLException {
        List<String> wanted = new ArrayList<>();
        for (String id : ids) {
            if (!id.startsWith("_design/") && !read.containsKey(id)) {
                wanted.add(id);
                read.put(id, null);
            }
        }
        if (wanted.isEmpty()) {
            try (PreparedStatement s = Jdbc.prepare(c, PgIndexKeys.LOCK, instance, doctype);
                    ResultSet r = s.executeQuery()) {
                seq[0] = r.next() ? r.getLong(1) : -1;
            }
            return;
        }
        for (var e : keys.readWith(wanted, seq).entrySet()) {
            read.put(e.getKey(), DocCodec.decode(e.getKey(), e.getValue()));
        }
    }

    Connection connection() {
        return c;
    }

    /** Writes what is kept and stores the database's sequence; call before the commit. */
    void finish() throws SQLException {
        flush(true);
    }

    /** Puts every later write past {@code floor}. */
    void advance(long floor) {
        seq = Math.max(seq, floor);
    }

    /**
     * Removes leaf revisions (CouchDB's purge); a document left without revisions goes, one left
     * with others gets a new sequence for its new winner. The revisions removed.
     */
    List<String> purge(String id, List<Revs.Rev> revs) throws SQLException {
        DocRecord record = load(id);
        if (record == null) {
            return List.of();
        }
        List<String> removed = record.purge(revs);
        if (removed.isEmpty()) {
            return removed;
        }
        if (record.isEmpty()) {
            unwritten.remove(id);
            read.remove(id);
            Jdbc.update(c, "DELETE FROM docs WHERE instance = ? AND doctype = ? AND id = ?", instance, doctype, id);
            if (id.startsWith("_design/")) {
                keepIndexes(id, List.of());
            } else {
                keys.removed(id);
            }
        } else {
            store(record);
        }
        return removed;
    }

    /** Counts a purge: the sequence moves on by one, so replicas go on from their checkpoints. */
    long purged() throws SQLException {
        seq++;
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "UPDATE dbs SET purge_seq = purge_seq + 1 WHERE instance = ? AND doctype = ? RETURNING purge_seq",
                        instance,
                        doctype);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    long purgeSeq() throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(
                        c, "SELECT purge_seq FROM dbs WHERE instance = ? AND doctype = ?", instance, doctype);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A normal edit; throws a conflict or not-found before anything is written. */
    Change edit(DocInput in) throws SQLException {
        DocRecord record = load(in.id());
        boolean created = record == null || record.winnerNode().deleted;
        if (record == null) {
            record = DocRecord.empty(in.id());
        }
        int parent = record.parentForEdit(in.rev(), in.deleted());
        String parentRev = parent < 0 ? "0" : record.nodes.get(parent).rev();
        String hash = Revs.hash(parentRev, in.deleted(), in.body());
        int index = record.addChild(parent, hash, in.deleted(), in.body(), DocRecord.keepsDeletedBody(doctype));
        String rev = record.nodes.get(index).rev();
        record.stem(revsLimit);
        store(record);
        return new Change(in.id(), rev, created, in.deleted(), in.body());
    }

    /** A replicated revision, merged as it is; null when nothing new or the winner is unchanged. */
    @Nullable
    Change replicate(DocInput in) throws SQLException {
        var path = in.path();
        DocRecord record = load(in.id());
        boolean created = record == null || record.winnerNode().deleted;
        String before = record == null ? null : record.winnerNode().rev();
        if (record == null) {
            record = DocRecord.empty(in.id());
        }
        if (!record.mergePath(Revs.parse(in.rev()).pos(), path, in.deleted(), in.body())) {
            return null;
        }
        record.stem(revsLimit);
        store(record);
        RevNode winner = record.winnerNode();
        return winner.rev().equals(before)
                ? null
                : new Change(in.id(), winner.rev(), created, winner.deleted, winner.body);
    }

    /** The document's revision tree, or null. */
    @Nullable
    DocRecord load(String id) throws SQLException {
        DocRecord changed = unwritten.get(id);
        if (changed != null) {
            return changed;
        }
        if (read.containsKey(id)) {
            return read.get(id);
        }
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT tree FROM docs WHERE instance = ? AND doctype = ? AND id = ?",
                        instance,
                        doctype,
                        id);
                ResultSet r = s.executeQuery()) {
            return r.next() ? DocCodec.decode(id, r.getBytes(1)) : null;
        }
    }

    /**
     * Gives a changed tree the next sequence. A design document is written at once (its
     * declarations may fail it, and later documents are indexed by what it declares), after the
     * documents changed before it; other documents are kept for one batched write.
     */
    private void store(DocRecord record) throws SQLException {
        if (!record.id.startsWith("_design/")) {
            record.seq = ++seq;
            unwritten.put(record.id, record);
            return;
        }
        flush(false);
        RevNode winner = record.winnerNode();
        // A bad declaration fails the document before anything is written, as on the embedded store.
        byte[] body = winner.deleted ? null : winner.body;
        List<IndexDef> indexes = DesignDocs.indexes(record.id, body);
        DesignDocs.checkViews(record.id, body);
        keepIndexes(record.id, indexes);
        record.seq = ++seq;
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            bind(s, record);
            s.executeUpdate();
        }
    }

    /**
     * Writes the kept documents, moves their index entries and, when {@code last}, stores the
     * sequence: one round trip of up to four statements, each taking its rows as arrays, so its
     * text is the same whatever the number of documents.
     */
    private void flush(boolean last) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (!unwritten.isEmpty()) {
            int n = unwritten.size();
            String[] ids = new String[n];
            Long[] seqs = new Long[n];
            String[] revs = new String[n];
            Boolean[] deleted = new Boolean[n];
            String[] bodies = new String[n];
            byte[][] trees = new byte[n][];
            int i = 0;
            for (DocRecord record : unwritten.values()) {
                RevNode winner = record.winnerNode();
                ids[i] = record.id;
                seqs[i] = record.seq;
                revs[i] = winner.rev();
                deleted[i] = winner.deleted;
                bodies[i] = queryable(winner);
                trees[i++] = DocCodec.encode(record);
            }
            sql.append(UPSERT_ALL);
            params.addAll(List.of(
                    instance,
                    doctype,
                    c.createArrayOf("text", ids),
                    c.createArrayOf("int8", seqs),
                    c.createArrayOf("text", revs),
                    c.createArrayOf("bool", deleted),
                    c.createArrayOf("text", bodies),
                    c.createArrayOf("bytea", trees)));
            keys.moved(unwritten.values(), sql, params);
            unwritten.values().forEach(r -> read.put(r.id, r));
            unwritten.clear();
        }
        if (last) {
            sql.append(sql.isEmpty() ? "" : "; ").append("UPDATE dbs SET seq = ? WHERE instance = ? AND doctype = ?");
            params.addAll(List.of(seq, instance, doctype));
        }
        if (!sql.isEmpty()) {
            try (PreparedStatement s = Jdbc.prepare(c, sql.toString(), params.toArray())) {
                s.execute();
            }
        }
    }

    private static final String UPSERT = "INSERT INTO docs (instance, doctype, id, seq, rev, deleted, body, tree)"
            + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS JSONB), ?)"
            + " ON CONFLICT (instance, doctype, id) DO UPDATE SET seq = EXCLUDED.seq, rev = EXCLUDED.rev,"
            + " deleted = EXCLUDED.deleted, body = EXCLUDED.body, tree = EXCLUDED.tree";

    private static final String UPSERT_ALL = "INSERT INTO docs (instance, doctype, id, seq, rev, deleted, body, tree)"
            + " SELECT ?, ?, u.id, u.seq, u.rev, u.deleted, CAST(u.body AS JSONB), u.tree"
            + " FROM unnest(?::text[], ?::int8[], ?::text[], ?::bool[], ?::text[], ?::bytea[])"
            + " AS u(id, seq, rev, deleted, body, tree)"
            + " ON CONFLICT (instance, doctype, id) DO UPDATE SET seq = EXCLUDED.seq, rev = EXCLUDED.rev,"
            + " deleted = EXCLUDED.deleted, body = EXCLUDED.body, tree = EXCLUDED.tree";

    private void bind(PreparedStatement s, DocRecord record) throws SQLException {
        RevNode winner = record.winnerNode();
        s.setString(1, instance);
        s.setString(2, doctype);
        s.setString(3, record.id);
        s.setLong(4, record.seq);
        s.setString(5, winner.rev());
        s.setBoolean(6, winner.deleted);
        s.setString(7, queryable(winner));
        s.setBytes(8, DocCodec.encode(record));
    }

    /** Replaces the index table's rows of a design document by the indexes it declares now. */
    private void keepIndexes(String ddocId, List<IndexDef> indexes) throws SQLException {
        keys.designChanged(ddocId, indexes);
        Jdbc.update(
                c,
                "DELETE FROM mango_indexes WHERE instance = ? AND doctype = ? AND ddoc = ?",
                instance,
                doctype,
                ddocId);
        for (IndexDef index : indexes) {
            Jdbc.update(
                    c,
                    "INSERT INTO mango_indexes (instance, doctype, ddoc, name, definition) VALUES (?, ?, ?, ?, ?)",
                    instance,
                    doctype,
                    ddocId,
                    index.name(),
                    index.viewJson().toString());
        }
    }

    /**
     * The winner's body for queries, or null: deleted documents have none, and JSONB cannot hold
     * a NUL character (the tree keeps the body as it was sent either way).
     */
    private static @Nullable String queryable(RevNode winner) {
        if (winner.deleted || winner.body == null) {
            return null;
        }
        String text = new String(winner.body, StandardCharsets.UTF_8);
        return text.contains("\\u0000") ? null : text;
    }
}
