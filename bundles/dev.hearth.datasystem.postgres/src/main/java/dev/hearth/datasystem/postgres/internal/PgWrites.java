package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DesignDocs;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.engine.Revs;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one transaction on one database. The database's row in {@code dbs} is locked
 * first, so the writers of a database take turns (as the embedded store's single writer) and its
 * sequence numbers are given in commit order: a changes feed never skips a write committed late.
 */
final class PgWrites {
    private final Connection c;
    private final String instance;
    private final String doctype;
    private final int revsLimit;
    private final PgIndexKeys keys;
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
        Sql.update(
                c,
                "INSERT INTO dbs (instance, doctype) VALUES (?, ?) ON CONFLICT (instance, doctype) DO NOTHING",
                instance,
                doctype);
        try (PreparedStatement s = Sql.prepare(
                        c, "SELECT seq FROM dbs WHERE instance = ? AND doctype = ? FOR UPDATE", instance, doctype);
                ResultSet r = s.executeQuery()) {
            r.next();
            return new PgWrites(c, instance, doctype, revsLimit, r.getLong(1));
        }
    }

    Connection connection() {
        return c;
    }

    /** Stores the database's sequence; call before the commit. */
    void finish() throws SQLException {
        Sql.update(c, "UPDATE dbs SET seq = ? WHERE instance = ? AND doctype = ?", seq, instance, doctype);
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
            Sql.update(c, "DELETE FROM docs WHERE instance = ? AND doctype = ? AND id = ?", instance, doctype, id);
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
        try (PreparedStatement s = Sql.prepare(
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
        try (PreparedStatement s = Sql.prepare(
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
        try (PreparedStatement s = Sql.prepare(
                        c,
                        "SELECT tree FROM docs WHERE instance = ? AND doctype = ? AND id = ?",
                        instance,
                        doctype,
                        id);
                ResultSet r = s.executeQuery()) {
            return r.next() ? DocCodec.decode(id, r.getBytes(1)) : null;
        }
    }

    /** Writes a changed tree at the next sequence. */
    private void store(DocRecord record) throws SQLException {
        RevNode winner = record.winnerNode();
        if (record.id.startsWith("_design/")) {
            // A bad declaration fails the document before anything is written, as on the embedded store.
            byte[] body = winner.deleted ? null : winner.body;
            List<IndexDef> indexes = DesignDocs.indexes(record.id, body);
            DesignDocs.checkViews(record.id, body);
            keepIndexes(record.id, indexes);
        } else {
            keys.moved(record.id, winner);
        }
        record.seq = ++seq;
        Sql.update(
                c,
                "INSERT INTO docs (instance, doctype, id, seq, rev, deleted, body, tree)"
                        + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS JSONB), ?)"
                        + " ON CONFLICT (instance, doctype, id) DO UPDATE SET seq = EXCLUDED.seq, rev = EXCLUDED.rev,"
                        + " deleted = EXCLUDED.deleted, body = EXCLUDED.body, tree = EXCLUDED.tree",
                instance,
                doctype,
                record.id,
                record.seq,
                winner.rev(),
                winner.deleted,
                queryable(winner),
                DocCodec.encode(record));
    }

    /** Replaces the index table's rows of a design document by the indexes it declares now. */
    private void keepIndexes(String ddocId, List<IndexDef> indexes) throws SQLException {
        keys.designChanged(ddocId, indexes);
        Sql.update(
                c,
                "DELETE FROM mango_indexes WHERE instance = ? AND doctype = ? AND ddoc = ?",
                instance,
                doctype,
                ddocId);
        for (IndexDef index : indexes) {
            Sql.update(
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
