package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.QueryParams;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.mango.MangoException;
import dev.hearth.mango.Selector;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code _changes} normal feed, streamed: one row per document in update-sequence order,
 * up to the last committed sequence (a reader never sees a change that a crash could undo).
 */
final class Changes {
    private Changes() {}

    static void write(DoctypeStore ds, ChangesQuery q, JsonGenerator out) throws IOException {
        long committed = ds.committedSeq();
        long since = Math.min(QueryParams.since(q.since(), committed), committed);
        Selector selector = selector(q);
        out.writeStartObject();
        out.writeArrayFieldStart("results");
        long emitted = 0;
        long lastSeq = q.descending() ? committed : since;
        Iterator<Long> seqs =
                q.descending() ? ds.seqs.keyIteratorReverse(committed) : ds.seqs.cursor(since + 1, committed, false);
        while (seqs.hasNext()) {
            long seq = seqs.next();
            if (seq > committed || (q.descending() && seq <= since)) {
                break;
            }
            if (q.limit() > 0 && emitted >= q.limit()) {
                break;
            }
            lastSeq = seq;
            String id = ds.seqs.get(seq);
            if (id != null && row(ds, seq, id, q, selector, out)) {
                emitted++;
            }
        }
        if (!q.descending() && !(q.limit() > 0 && emitted >= q.limit())) {
            lastSeq = committed;
        }
        out.writeEndArray();
        out.writeStringField("last_seq", Long.toString(lastSeq));
        out.writeNumberField("pending", q.descending() ? 0 : Math.max(0, upTo(ds, committed) - upTo(ds, lastSeq)));
        out.writeEndObject();
    }

    /** How many documents have a sequence up to {@code seq}. */
    private static long upTo(DoctypeStore ds, long seq) {
        long index = ds.seqs.getKeyIndex(seq);
        return index >= 0 ? index + 1 : -(index + 1);
    }

    /** Writes the row of one change when it passes the filters; false when filtered out. */
    private static boolean row(
            DoctypeStore ds, long seq, String id, ChangesQuery q, @Nullable Selector selector, JsonGenerator out)
            throws IOException {
        if (q.designOnly() && !id.startsWith(Indexes.DESIGN_PREFIX)) {
            return false;
        }
        if (q.docIds() != null && !q.docIds().contains(id)) {
            return false;
        }
        boolean needTree = q.allLeaves() || q.conflicts();
        DocRecord record = needTree ? ds.record(id) : null;
        DocCodec.Winner w = needTree ? null : ds.winner(id);
        if (record == null && w == null) {
            return false;
        }
        RevNode winner = record == null ? null : record.winnerNode();
        String rev = winner == null ? w.rev() : winner.rev();
        boolean deleted = winner == null ? w.deleted() : winner.deleted;
        byte[] body = winner == null ? w.body() : winner.body;
        if (selector != null && !selector.matches(deletedAware(id, rev, deleted, body))) {
            return false;
        }
        out.writeStartObject();
        out.writeStringField("seq", Long.toString(seq));
        out.writeStringField("id", id);
        out.writeArrayFieldStart("changes");
        writeRev(out, rev);
        if (q.allLeaves() && record != null) {
            for (int leaf : record.leaves()) {
                if (!record.nodes.get(leaf).rev().equals(rev)) {
                    writeRev(out, record.nodes.get(leaf).rev());
                }
            }
        }
        out.writeEndArray();
        if (deleted) {
            out.writeBooleanField("deleted", true);
        }
        if (q.includeDocs()) {
            out.writeFieldName("doc");
            List<String> conflicts = record == null ? null : record.conflicts();
            Documents.write(
                    out,
                    new Revision(id, rev, deleted, deleted ? new byte[] {'{', '}'} : body, null, conflicts),
                    false,
                    q.conflicts(),
                    null);
        }
        out.writeEndObject();
        return true;
    }

    private static ObjectNode deletedAware(String id, String rev, boolean deleted, byte[] body) {
        var doc = Bodies.document(id, rev, deleted ? new byte[] {'{', '}'} : body);
        if (deleted) {
            doc.put("_deleted", true);
        }
        return doc;
    }

    private static void writeRev(JsonGenerator out, String rev) throws IOException {
        out.writeStartObject();
        out.writeStringField("rev", rev);
        out.writeEndObject();
    }

    private static @Nullable Selector selector(ChangesQuery q) {
        if (q.selector() == null) {
            return null;
        }
        try {
            return Selector.parse(q.selector());
        } catch (MangoException e) {
            throw new CouchException(400, "bad_request", e.getMessage());
        }
    }
}
