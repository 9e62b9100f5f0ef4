package dev.hearth.client;

import java.time.Duration;
import java.time.Instant;

/** Decides whether a query already in the store is fetched again when it is asked for. */
@FunctionalInterface
public interface FetchPolicy {
    /** Whether to fetch {@code state} again at {@code now}. */
    boolean shouldFetch(QueryState state, Instant now);

    /** Fetches every time. */
    static FetchPolicy always() {
        return (state, now) -> true;
    }

    /** Fetches again only when the last successful fetch is at least {@code age} old. */
    static FetchPolicy olderThan(Duration age) {
        return (state, now) -> state.fetchStatus() != FetchStatus.LOADED
                || state.lastFetch() == null
                || !state.lastFetch().plus(age).isAfter(now);
    }
}
