package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DesignDocs;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.engine.Revs;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Applies one document write on the writer: checks the revision against the tree, then updates
 * the record, its sequence, the counters and the indexes together (all in the same commit).
 */
final class DocWriter {
    private DocWriter() {}

    /**
     * A normal edit ({@code new_edits=true}): {@code rev} must be a leaf of the tree (none for a
     * new document, or to recreate a deleted one).
     *
     * @throws CouchException 409 conflict when it is not
     */
    static Change edit(DoctypeStore ds, String id, @Nullable String rev, boolean deleted, byte[] body, int revsLimit) {
        DocRecord old = ds.record(id);
        DocRecord record = old == null ? DocRecord.empty(id) : ds.record(id);
        int parent = record.parentForEdit(rev, deleted);
        String parentRev = parent < 0 ? "0" : record.nodes.get(parent).rev();
        int pos = parent < 0 ? 1 : record.nodes.get(parent).pos + 1;
        String hash = Revs.hash(parentRev, deleted, body);
        record.addChild(parent, hash, deleted, body, DocRecord.keepsDeletedBody(ds.doctype));
        record.stem(revsLimit);
        String newRev = pos + "-" + hash;
        store(ds, old, record);
        return new Change(id, newRev, old == null || old.winnerNode().deleted, deleted, body);
    }

    /** Checks, without writing, that {@link #edit} of this revision would succeed. */
    static void check(DoctypeStore ds, String id, @Nullable String rev, boolean deleted) {
        DocRecord record = ds.record(id);
        if (record == null) {
            record = DocRecord.empty(id);
        }
        record.parentForEdit(rev, deleted);
    }

    /**
     * A replicated revision ({@code new_edits=false}): merged into the tree as it is. Returns
     * null when the revision was already known.
     */
    static @Nullable Change replicate(
            DoctypeStore ds, String id, int start, List<String> path, boolean deleted, byte[] body, int revsLimit) {
        DocRecord old = ds.record(id);
        DocRecord record = old == null ? DocRecord.empty(id) : ds.record(id);
        String previousWinner = old == null ? null : old.winnerNode().rev();
        if (!record.mergePath(start, path, deleted, body)) {
            return null;
        }
        record.stem(revsLimit);
        store(ds, old, record);
        RevNode winner = record.winnerNode();
        boolean winnerChanged = !winner.rev().equals(previousWinner);
        return winnerChanged
                ? new Change(id, winner.rev(), old == null || old.winnerNode().deleted, winner.deleted, winner.body)
                : null;
    }

    /** Stores a changed record: new sequence, counters, index entries, design documents. */
    static void store(DoctypeStore ds, @Nullable DocRecord old, DocRecord record) {
        RevNode w = record.winnerNode();
        RevNode oldWinner = old == null ? null : old.winnerNode();
        boolean winnerChanged = oldWinner == null || !oldWinner.rev().equals(w.rev());
        List<IndexDef> declared = winnerChanged && record.id.startsWith("_design/")
                ? DesignDocs.indexes(record.id, w.deleted ? null : w.body)
                : null;
        if (declared != null) {
            DesignDocs.checkViews(record.id, w.deleted ? null : w.body);
        }
        ds.create();
        long seq = ds.nextSeq();
        if (oldWinner != null) {
            ds.seqs.remove(old.seq);
            ds.count(oldWinner.deleted ? 0 : -1, oldWinner.deleted ? -1 : 0);
        }
        record.seq = seq;
        ds.seqs.put(seq, record.id);
        ds.count(w.deleted ? 0 : 1, w.deleted ? 1 : 0);
        ds.docs.put(record.id, DocCodec.encode(record));
        if (winnerChanged) {
            if (declared != null) {
                Indexes.designChanged(ds, record.id, declared);
                ViewIndexer.designChanged(ds);
            } else if (!ds.indexes.isEmpty()) {
                Indexes.update(ds, record.id, json(record.id, oldWinner), json(record.id, w));
            }
        }
    }

    /** The document JSON of a live revision (for index keys), or null. */
    private static @Nullable ObjectNode json(String id, @Nullable RevNode node) {
        if (node == null || node.deleted || node.body == null) {
            return null;
        }
        return Bodies.document(id, node.rev(), node.body);
    }
}
