package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.PurgeRequest;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.engine.Revs;
import dev.hearth.datasystem.engine.ViewRows;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * CouchDB's purge: leaf revisions removed from their documents as if they had never been
 * written (not replicated, unlike a deletion). A document left without revisions is removed
 * with its update sequence, its index entries and its view rows; one left with other leaves gets
 * a new sequence, so that the changes feed and the indexes see its new winner. The database's
 * update sequence moves on by one and its purge sequence counts the purge, so that a replica
 * that checkpointed before the purge goes on from its checkpoint.
 */
final class Purge {
    private Purge() {}

    /** On the writer: applies a purge; CouchDB's answer {@code {"purge_seq", "purged": {id: [revs]}}}. */
    static ObjectNode apply(DoctypeStore ds, PurgeRequest request) {
        ObjectNode answer = Json.mapper().createObjectNode();
        ObjectNode purged = Json.mapper().createObjectNode();
        int count = 0;
        for (Map.Entry<String, List<Revs.Rev>> e : request.revs().entrySet()) {
            List<String> removed = document(ds, e.getKey(), e.getValue());
            var revs = purged.putArray(e.getKey());
            removed.forEach(revs::add);
            count += removed.size();
        }
        if (count > 0) {
            ds.nextSeq();
            ds.purged();
        }
        answer.put("purge_seq", Long.toString(ds.purgeSeq()));
        answer.set("purged", purged);
        return answer;
    }

    /** Sequences looked at per writer turn by the purge of old tombstones. */
    private static final int SCAN = 2000;

    /**
     * Purges the tombstones (documents whose every leaf is deleted) last changed before
     * {@code beforeMillis}, in every database of an open store, a few thousand sequences per
     * writer turn; a hibernating store is left alone.
     *
     * @return how many documents were purged
     */
    static long olderThan(InstanceStore store, long beforeMillis) {
        long total = 0;
        for (String doctype : store.doctypeNamesIfOpen()) {
            long[] from = {0};
            while (from[0] >= 0) {
                Integer purged = store.writeIfOpen(batch -> {
                    DoctypeStore ds = store.doctype(doctype);
                    if (!ds.exists()) {
                        from[0] = -1;
                        return 0;
                    }
                    return tombstones(ds, from, ds.committedBefore(beforeMillis));
                });
                if (purged == null) {
                    return total;
                }
                total += purged;
            }
        }
        return total;
    }

    /**
     * Purges the tombstones among up to {@link #SCAN} sequences from {@code from[0]}, up to
     * {@code maxSeq}; sets {@code from[0]} to where to go on, or -1 at the end.
     */
    private static int tombstones(DoctypeStore ds, long[] from, long maxSeq) {
        Map<String, List<Revs.Rev>> revs = new LinkedHashMap<>();
        Iterator<Long> it = ds.seqs.keyIterator(from[0]);
        int scanned = 0;
        from[0] = -1;
        while (it.hasNext()) {
            long seq = it.next();
            if (seq > maxSeq) {
                break;
            }
            if (++scanned > SCAN) {
                from[0] = seq;
                break;
            }
            String id = ds.seqs.get(seq);
            DocRecord record = id == null ? null : ds.record(id);
            if (record != null && record.winnerNode().deleted) {
                List<Revs.Rev> leaves = new ArrayList<>();
                for (int leaf : record.leaves()) {
                    leaves.add(new Revs.Rev(record.nodes.get(leaf).pos, record.nodes.get(leaf).hash));
                }
                revs.put(id, leaves);
            }
        }
        if (!revs.isEmpty()) {
            apply(ds, new PurgeRequest(revs));
        }
        return revs.size();
    }

    /** Purges revisions of one document; the revisions removed. */
    private static List<String> document(DoctypeStore ds, String id, List<Revs.Rev> revs) {
        DocRecord old = ds.record(id);
        if (old == null) {
            return List.of();
        }
        DocRecord record = ds.record(id);
        List<String> removed = record.purge(revs);
        if (removed.isEmpty()) {
            return removed;
        }
        if (record.isEmpty()) {
            remove(ds, old);
        } else {
            DocWriter.store(ds, old, record);
        }
        return removed;
    }

    /** Removes a whole document: record, sequence, counts, index entries and view rows. */
    private static void remove(DoctypeStore ds, DocRecord old) {
        RevNode winner = old.winnerNode();
        ds.seqs.remove(old.seq);
        ds.docs.remove(old.id);
        ds.count(winner.deleted ? 0 : -1, winner.deleted ? -1 : 0);
        if (old.id.startsWith(Indexes.DESIGN_PREFIX)) {
            Indexes.designChanged(ds, old.id, List.of());
            ViewIndexer.designChanged(ds);
        } else if (!ds.indexes.isEmpty() && !winner.deleted && winner.body != null) {
            Indexes.update(ds, old.id, Bodies.document(old.id, winner.rev(), winner.body), null);
        }
        if (ds.hasAnyView()) {
            for (String signature : List.copyOf(ds.viewSeqs().keySet())) {
                if (ds.hasViewRows(signature)) {
                    MVMap<String, byte[]> ids = ds.viewIds(signature);
                    byte[] keys = ids.remove(old.id);
                    if (keys != null) {
                        MVMap<byte[], byte[]> rows = ds.viewRows(signature);
                        ViewRows.keys(keys).forEach(rows::remove);
                    }
                }
            }
        }
    }
}
