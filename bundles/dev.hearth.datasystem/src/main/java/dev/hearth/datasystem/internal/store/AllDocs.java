package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.QueryParams;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.jspecify.annotations.Nullable;

/**
 * {@code _all_docs}, streamed: live documents in id order (design documents included unless
 * excluded), or the rows of the requested keys in their order.
 */
final class AllDocs {
    private AllDocs() {}

    static void write(DoctypeStore ds, AllDocsQuery q, JsonGenerator out) throws IOException {
        QueryParams.checkKeys(q);
        out.writeStartObject();
        out.writeNumberField("total_rows", ds.docCount());
        out.writeNumberField("offset", q.keys() == null ? before(ds, q) + q.skip() : 0);
        out.writeArrayFieldStart("rows");
        if (q.keys() != null) {
            for (String key : q.keys()) {
                keyRow(ds, key, q, out);
            }
        } else {
            range(ds, q, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void range(DoctypeStore ds, AllDocsQuery q, JsonGenerator out) throws IOException {
        Iterator<String> ids = q.descending()
                ? ds.docs.keyIteratorReverse(q.startKey() != null ? q.startKey() : ds.docs.lastKey())
                : ds.docs.keyIterator(q.startKey());
        long skipped = 0;
        long rows = 0;
        while (ids.hasNext() && (q.limit() < 0 || rows < q.limit())) {
            String id = ids.next();
            if (pastEnd(id, q)) {
                break;
            }
            if (!q.designDocs() && id.startsWith(Indexes.DESIGN_PREFIX)) {
                continue;
            }
            DocCodec.Winner w = ds.winner(id);
            if (w == null || w.deleted()) {
                continue;
            }
            if (skipped < q.skip()) {
                skipped++;
                continue;
            }
            row(ds, id, w, q, out);
            rows++;
        }
    }

    /**
     * How many live documents come before the start key in the scan order (CouchDB's offset). A
     * cursor reads each record once, and only its header.
     */
    private static long before(DoctypeStore ds, AllDocsQuery q) {
        if (q.startKey() == null) {
            return 0;
        }
        long count = 0;
        Cursor<String, byte[]> cursor = ds.docs.cursor(null, null, q.descending());
        while (cursor.hasNext()) {
            String id = cursor.next();
            if (q.descending() ? id.compareTo(q.startKey()) <= 0 : id.compareTo(q.startKey()) >= 0) {
                break;
            }
            if (!DocCodec.winnerDeleted(cursor.getValue())
                    && (q.designDocs() || !id.startsWith(Indexes.DESIGN_PREFIX))) {
                count++;
            }
        }
        return count;
    }

    private static boolean pastEnd(String id, AllDocsQuery q) {
        if (q.endKey() == null) {
            return false;
        }
        int c = id.compareTo(q.endKey());
        if (q.descending()) {
            c = -c;
        }
        return q.inclusiveEnd() ? c > 0 : c >= 0;
    }

    private static void row(DoctypeStore ds, String id, DocCodec.Winner w, AllDocsQuery q, JsonGenerator out)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("id", id);
        out.writeStringField("key", id);
        out.writeObjectFieldStart("value");
        out.writeStringField("rev", w.rev());
        out.writeEndObject();
        if (q.includeDocs()) {
            out.writeFieldName("doc");
            writeDoc(ds, id, w, q.conflicts(), out);
        }
        out.writeEndObject();
    }

    private static void writeDoc(DoctypeStore ds, String id, DocCodec.Winner w, boolean conflicts, JsonGenerator out)
            throws IOException {
        List<String> conflicting = null;
        if (conflicts) {
            DocRecord record = ds.record(id);
            conflicting = record == null ? null : record.conflicts();
        }
        Documents.write(out, new Revision(id, w.rev(), false, w.body(), null, conflicting), false, conflicts, null);
    }

    private static void keyRow(DoctypeStore ds, String key, AllDocsQuery q, JsonGenerator out) throws IOException {
        DocCodec.@Nullable Winner w = ds.winner(key);
        out.writeStartObject();
        if (w == null) {
            out.writeStringField("key", key);
            out.writeStringField("error", "not_found");
            out.writeEndObject();
            return;
        }
        out.writeStringField("id", key);
        out.writeStringField("key", key);
        out.writeObjectFieldStart("value");
        out.writeStringField("rev", w.rev());
        if (w.deleted()) {
            out.writeBooleanField("deleted", true);
        }
        out.writeEndObject();
        if (q.includeDocs()) {
            out.writeFieldName("doc");
            if (w.deleted()) {
                out.writeNull();
            } else {
                writeDoc(ds, key, w, q.conflicts(), out);
            }
        }
        out.writeEndObject();
    }
}
