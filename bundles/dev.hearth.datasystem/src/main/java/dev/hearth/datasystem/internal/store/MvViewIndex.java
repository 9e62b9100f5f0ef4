package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.ViewIndex;
import dev.hearth.datasystem.engine.ViewRange;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * A view index of the embedded store, read within a pinned read: its rows map (none when the
 * index never stored a row), positions from the map's key indexes, so that counts and offsets
 * read no row.
 */
final class MvViewIndex implements ViewIndex {
    private final DoctypeStore ds;
    private final String signature;
    private final @Nullable MVMap<byte[], byte[]> rows;

    MvViewIndex(DoctypeStore ds, String signature) {
        this.ds = ds;
        this.signature = signature;
        this.rows = ds.hasViewRows(signature) ? ds.viewRows(signature) : null;
    }

    @Override
    public long totalRows() {
        return rows == null ? 0 : rows.sizeAsLong();
    }

    @Override
    public long before(ViewRange range, boolean descending) {
        if (rows == null) {
            return 0;
        }
        return descending ? rows.sizeAsLong() - position(rows, range.hi()) : position(rows, range.lo());
    }

    @Override
    public long count(ViewRange range) {
        if (rows == null || range.empty()) {
            return 0;
        }
        return Math.max(0, position(rows, range.hi()) - position(rows, range.lo()));
    }

    private static long position(MVMap<byte[], byte[]> rows, byte[] key) {
        long index = rows.getKeyIndex(key);
        return index >= 0 ? index : -(index + 1);
    }

    @Override
    public void scan(List<ViewRange> ranges, boolean descending, ViewRange.Visitor visitor) {
        if (rows == null) {
            return;
        }
        for (ViewRange r : ranges) {
            if (!r.empty() && !scan(rows, r, descending, visitor)) {
                return;
            }
        }
    }

    /** One range's rows; false when the visitor stopped. */
    private static boolean scan(
            MVMap<byte[], byte[]> rows, ViewRange range, boolean descending, ViewRange.Visitor visitor) {
        if (!descending) {
            Cursor<byte[], byte[]> c = rows.cursor(range.lo());
            while (c.hasNext()) {
                byte[] key = c.next();
                if (Arrays.compareUnsigned(key, range.hi()) >= 0) {
                    return true;
                }
                if (!visitor.row(key, c.getValue())) {
                    return false;
                }
            }
            return true;
        }
        byte[] top = rows.lowerKey(range.hi());
        if (top == null) {
            return true;
        }
        Cursor<byte[], byte[]> c = rows.cursor(top, null, true);
        while (c.hasNext()) {
            byte[] key = c.next();
            if (Arrays.compareUnsigned(key, range.lo()) < 0) {
                return true;
            }
            if (!visitor.row(key, c.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long seq() {
        return ds.viewSeq(signature);
    }

    @Override
    public @Nullable Revision revision(String id, @Nullable String rev) {
        if (rev == null) {
            DocCodec.Winner w = ds.winner(id);
            return w == null || w.deleted() ? null : new Revision(id, w.rev(), false, w.body(), null, null);
        }
        return ViewIndex.revisionOf(ds.record(id), id, rev);
    }
}
