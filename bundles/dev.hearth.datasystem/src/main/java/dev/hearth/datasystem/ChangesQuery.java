package dev.hearth.datasystem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code _changes} request (normal feed).
 *
 * @param since the sequence after which changes are wanted ({@code "now"} for the current one)
 * @param limit the most results, 0 for all
 * @param allLeaves {@code style=all_docs}: every leaf revision rather than the winner only
 * @param docIds {@code filter=_doc_ids}: only these documents
 * @param selector {@code filter=_selector}: only documents matching this Mango selector
 * @param designOnly {@code filter=_design}: only design documents
 */
public record ChangesQuery(
        @Nullable String since,
        boolean descending,
        long limit,
        boolean allLeaves,
        boolean includeDocs,
        boolean conflicts,
        @Nullable Set<String> docIds,
        @Nullable JsonNode selector,
        boolean designOnly) {}
