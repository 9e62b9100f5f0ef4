package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a stored query.
 *
 * @param name the name it is stored under
 * @param definition what it asks
 * @param fetchStatus where it is in its life
 * @param fetching whether a fetch is running (also in the background, while {@code LOADED})
 * @param lastFetch when its last fetch ended successfully
 * @param lastUpdate when its ids or documents last changed
 * @param lastError why its last fetch failed
 * @param hasMore whether the server has more documents than fetched ({@link HearthClient#fetchMore})
 * @param count the total the server gave, else the number of ids
 * @param bookmark where the next page starts
 * @param ids the ids of its documents, in result order
 * @param data its documents, in result order (read only)
 */
public record QueryState(
        String name,
        Q definition,
        FetchStatus fetchStatus,
        boolean fetching,
        @Nullable Instant lastFetch,
        @Nullable Instant lastUpdate,
        @Nullable ClientException lastError,
        boolean hasMore,
        long count,
        @Nullable String bookmark,
        List<String> ids,
        List<ObjectNode> data) {}
