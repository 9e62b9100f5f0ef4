package dev.hearth.datasystem;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@code _all_docs} request. Keys are document ids.
 *
 * @param keys only these ids, in this order (POST {@code {"keys":[...]}} or {@code keys=})
 * @param limit the most rows, -1 for all
 */
public record AllDocsQuery(
        @Nullable List<String> keys,
        @Nullable String startKey,
        @Nullable String endKey,
        boolean inclusiveEnd,
        boolean descending,
        long limit,
        long skip,
        boolean includeDocs,
        boolean conflicts,
        boolean designDocs) {}
