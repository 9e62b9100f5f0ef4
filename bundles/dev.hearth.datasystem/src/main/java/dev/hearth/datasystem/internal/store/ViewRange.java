package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.mango.Collation;
import dev.hearth.mango.IndexKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * The byte ranges of view rows a query reads ({@code lo} inclusive, {@code hi} exclusive), one
 * per key with {@code keys}, and their scan in the query's direction. Start and end keys are
 * CouchDB's: in a descending query the start key is the high end.
 */
record ViewRange(byte[] lo, byte[] hi) {

    static List<ViewRange> of(ViewQuery q) {
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

    boolean empty() {
        return Arrays.compareUnsigned(lo, hi) >= 0;
    }

    /** Rows of the index before this range in the query's direction (the {@code offset}). */
    long before(MVMap<byte[], byte[]> rows, boolean descending) {
        return descending ? rows.sizeAsLong() - position(rows, hi) : position(rows, lo);
    }

    /** How many rows the range holds, without reading them. */
    long count(MVMap<byte[], byte[]> rows) {
        return empty() ? 0 : Math.max(0, position(rows, hi) - position(rows, lo));
    }

    private static long position(MVMap<byte[], byte[]> rows, byte[] key) {
        long index = rows.getKeyIndex(key);
        return index >= 0 ? index : -(index + 1);
    }

    /** Scans the range's rows in the query's direction until the visitor says stop. */
    void scan(MVMap<byte[], byte[]> rows, boolean descending, Visitor visitor) {
        if (empty()) {
            return;
        }
        if (!descending) {
            Cursor<byte[], byte[]> c = rows.cursor(lo);
            while (c.hasNext()) {
                byte[] key = c.next();
                if (Arrays.compareUnsigned(key, hi) >= 0 || !visitor.row(key, c.getValue())) {
                    return;
                }
            }
            return;
        }
        byte[] top = rows.lowerKey(hi);
        if (top == null) {
            return;
        }
        Cursor<byte[], byte[]> c = rows.cursor(top, null, true);
        while (c.hasNext()) {
            byte[] key = c.next();
            if (Arrays.compareUnsigned(key, lo) < 0 || !visitor.row(key, c.getValue())) {
                return;
            }
        }
    }

    /** A row visitor: false stops the scan. */
    interface Visitor {
        boolean row(byte[] key, byte[] value);
    }

    /** Scans every range in turn. */
    static void scanAll(List<ViewRange> ranges, MVMap<byte[], byte[]> rows, boolean descending, Visitor visitor) {
        boolean[] stopped = {false};
        for (ViewRange r : ranges) {
            r.scan(rows, descending, (k, v) -> {
                if (!visitor.row(k, v)) {
                    stopped[0] = true;
                    return false;
                }
                return true;
            });
            if (stopped[0]) {
                return;
            }
        }
    }
}
