package dev.hearth.datasystem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to a map-reduce view, with CouchDB's parameters ({@link ViewQueries#parse} reads
 * them from a request). Keys are JSON values; a Java null means the parameter is absent ({@code
 * key=null} is a {@code NullNode}).
 *
 * @param keys only rows with these keys, key by key in this order ({@code keys})
 * @param startKey the first key ({@code startkey}/{@code start_key}, or {@code key})
 * @param startDocId with {@code startKey}, the first document id among rows of that key
 * @param endKey the last key ({@code endkey}/{@code end_key}, or {@code key})
 * @param endDocId with {@code endKey}, the last document id among rows of that key
 * @param limit the most rows, -1 for all
 * @param reduce whether to reduce; null means the view's default (reduce when it has a reduce)
 * @param groupLevel null when not grouped, -1 for {@code group=true} (exact keys), else the
 *     number of leading array elements grouped on
 * @param update whether the index is brought up to date first
 * @param updateSeq answer the sequence of the database the index reflects
 */
public record ViewQuery(
        @Nullable List<JsonNode> keys,
        @Nullable JsonNode startKey,
        @Nullable String startDocId,
        @Nullable JsonNode endKey,
        @Nullable String endDocId,
        boolean inclusiveEnd,
        boolean descending,
        long limit,
        long skip,
        boolean includeDocs,
        @Nullable Boolean reduce,
        @Nullable Integer groupLevel,
        Update update,
        boolean updateSeq) {

    /** When the index is updated: before the query, not at all ({@code stale=ok}), or after it. */
    public enum Update {
        TRUE,
        FALSE,
        LAZY
    }

    public ViewQuery {
        keys = keys == null ? null : List.copyOf(keys);
    }

    /** Every row of the view, reduced when it has a reduce: the query without parameters. */
    public static ViewQuery all() {
        return new ViewQuery(null, null, null, null, null, true, false, -1, 0, false, null, null, Update.TRUE, false);
    }

    /** Grouped on exact keys ({@code group=true}). */
    public boolean groupExact() {
        return groupLevel != null && groupLevel < 0;
    }
}
