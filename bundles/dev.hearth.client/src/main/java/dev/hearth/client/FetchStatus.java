package dev.hearth.client;

/** Where a stored query is in its life, as in cozy-client. */
public enum FetchStatus {
    /** Known to the store, never fetched. */
    PENDING,
    /** Its first fetch (or a refetch without background fetching) is running. */
    LOADING,
    /** Fetched; its ids follow the store from now on. */
    LOADED,
    /** The last fetch failed; {@link QueryState#lastError()} says why. */
    FAILED
}
