package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.mango.Collation;
import dev.hearth.mango.IndexKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The byte ranges of view rows a query reads ({@code lo} inclusive, {@code hi} exclusive), one
 * per key with {@code keys}, and their scan in the query's direction. Start and end keys are
 * CouchDB's: in a descending query the start key is the high end.
 */
public record ViewRange(byte[] lo, byte[] hi) {

    /** The ranges of a query: one per key with {@code keys}, else one. */
    public static List<ViewRange> of(ViewQuery q) {
        if (q.keys() != null) {
            List<ViewRange> out = new ArrayList<>(q.keys().size());
            for (JsonNode key : q.keys()) {
                byte[] k = IndexKeys.encode(key);
                out.add(new ViewRange(k, IndexKeys.prefixUpperBound(k)));
            }
            return out;
        }
        checkOrder(q);
        byte[] start = bound(q.startKey(), q.startDocId());
        byte[] end = bound(q.endKey(), q.endDocId());
        if (!q.descending()) {
            byte[] lo = start == null ? IndexKeys.lowest() : start;
            byte[] hi = end == null ? IndexKeys.highest() : q.inclusiveEnd() ? IndexKeys.prefixUpperBound(end) : end;
            return List.of(new ViewRange(lo, hi));
        }
        byte[] hi = start == null ? IndexKeys.highest() : IndexKeys.prefixUpperBound(start);
        byte[] lo = end == null ? IndexKeys.lowest() : q.inclusiveEnd() ? end : IndexKeys.prefixUpperBound(end);
        return List.of(new ViewRange(lo, hi));
    }

    private static byte @Nullable [] bound(@Nullable JsonNode key, @Nullable String docId) {
        if (key == null) {
            return null;
        }
        byte[] k = IndexKeys.encode(key);
        return docId == null ? k : ViewRows.docPrefix(k, docId);
    }

    /** CouchDB refuses a range that cannot match in the query's direction. */
    private static void checkOrder(ViewQuery q) {
        if (q.startKey() == null || q.endKey() == null) {
            return;
        }
        int c = Collation.compare(q.startKey(), q.endKey());
        if (!q.descending() && c > 0) {
            throw ViewQueries.parseError(
                    "No rows can match your key range, reverse your start_key and end_key or set" + " descending=true");
        }
        if (q.descending() && c < 0) {
            throw ViewQueries.parseError("No rows can match your key range, reverse your start_key and end_key or set"
                    + " descending=false");
        }
    }

    /** Whether the range holds no key. */
    public boolean empty() {
        return Arrays.compareUnsigned(lo, hi) >= 0;
    }

    /** A row visitor: false stops the scan. */
    public interface Visitor {
        boolean row(byte[] key, byte[] value);
    }
}
