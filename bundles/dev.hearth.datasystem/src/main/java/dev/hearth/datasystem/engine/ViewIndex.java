package dev.hearth.datasystem.engine;

import dev.hearth.datasystem.Revision;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one view index as a query reads them, in one consistent snapshot, whatever the
 * engine keeps them in: row keys and values in {@link ViewRows}' layout, ordered by their
 * unsigned bytes. {@link ViewAnswer} writes CouchDB's answer from it.
 */
public interface ViewIndex {
    /** Rows of the whole index. */
    long totalRows();

    /** Rows of the index before the range in the query's direction (CouchDB's {@code offset}). */
    long before(ViewRange range, boolean descending);

    /** Rows in the range. */
    long count(ViewRange range);

    /** Scans the ranges in turn, each in the query's direction, until the visitor says stop. */
    void scan(List<ViewRange> ranges, boolean descending, ViewRange.Visitor visitor);

    /** The database sequence the index reflects. */
    long seq();

    /**
     * A document for {@code include_docs}: the winning revision, or the given one; null when
     * missing or deleted (or, with a revision, when that revision's body is gone).
     */
    @Nullable
    Revision revision(String id, @Nullable String rev);

    /** The revision asked for of a document's record, or null (shared by the engines). */
    static @Nullable Revision revisionOf(@Nullable DocRecord record, String id, String rev) {
        if (record == null) {
            return null;
        }
        try {
            Revs.Rev parsed = Revs.parse(rev);
            int index = record.find(parsed.pos(), parsed.hash());
            RevNode node = index < 0 ? null : record.nodes.get(index);
            return node == null || node.body == null
                    ? null
                    : new Revision(id, node.rev(), node.deleted, node.body, null, null);
        } catch (dev.hearth.common.error.CouchException e) {
            return null;
        }
    }
}
