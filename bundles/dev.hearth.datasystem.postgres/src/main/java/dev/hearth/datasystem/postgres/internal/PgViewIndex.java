package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.ViewIndex;
import dev.hearth.datasystem.engine.ViewRange;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A view index on PostgreSQL, read on one connection in a REPEATABLE READ transaction, so that
 * counts, rows and linked documents come from one snapshot. Rows are streamed through a cursor
 * ({@value #FETCH} at a time), so a query with a small limit reads little.
 */
final class PgViewIndex implements ViewIndex {
    private static final int FETCH = 500;
    private static final String WHERE = " WHERE instance = ? AND doctype = ? AND signature = ?";

    private final Connection c;
    private final PgDatabase db;
    private final String signature;

    PgViewIndex(Connection c, PgDatabase db, String signature) {
        this.c = c;
        this.db = db;
        this.signature = signature;
    }

    @Override
    public long totalRows() {
        return Sql.unchecked(() -> count(""));
    }

    @Override
    public long before(ViewRange range, boolean descending) {
        return Sql.unchecked(() -> descending ? count(" AND key >= ?", range.hi()) : count(" AND key < ?", range.lo()));
    }

    @Override
    public long count(ViewRange range) {
        if (range.empty()) {
            return 0;
        }
        return Sql.unchecked(() -> count(" AND key >= ? AND key < ?", range.lo(), range.hi()));
    }

    private long count(String condition, byte[]... keys) throws SQLException {
        try (PreparedStatement s = statement("SELECT count(*) FROM view_rows" + WHERE + condition, keys);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private PreparedStatement statement(String sql, byte[]... keys) throws SQLException {
        PreparedStatement s = Jdbc.prepare(c, sql, db.instance(), db.doctype(), signature);
        for (int i = 0; i < keys.length; i++) {
            s.setBytes(4 + i, keys[i]);
        }
        return s;
    }

    @Override
    public void scan(List<ViewRange> ranges, boolean descending, ViewRange.Visitor visitor) {
        Sql.unchecked(() -> {
            for (ViewRange range : ranges) {
                if (!range.empty() && !scan(range, descending, visitor)) {
                    break;
                }
            }
            return null;
        });
    }

    /** One range's rows in the query's direction; false when the visitor stopped. */
    private boolean scan(ViewRange range, boolean descending, ViewRange.Visitor visitor) throws SQLException {
        String sql = "SELECT key, value FROM view_rows" + WHERE + " AND key >= ? AND key < ? ORDER BY key"
                + (descending ? " DESC" : "");
        try (PreparedStatement s = statement(sql, range.lo(), range.hi())) {
            s.setFetchSize(FETCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!visitor.row(r.getBytes(1), r.getBytes(2))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public long seq() {
        return Sql.unchecked(() -> PgViews.seq(c, db, signature));
    }

    @Override
    public @Nullable Revision revision(String id, @Nullable String rev) {
        byte[] tree = Sql.unchecked(() -> PgReads.tree(c, db, id));
        if (tree == null) {
            return null;
        }
        if (rev == null) {
            DocCodec.Winner w = DocCodec.winner(tree);
            return w.deleted() ? null : new Revision(id, w.rev(), false, w.body(), null, null);
        }
        return ViewIndex.revisionOf(DocCodec.decode(id, tree), id, rev);
    }
}
