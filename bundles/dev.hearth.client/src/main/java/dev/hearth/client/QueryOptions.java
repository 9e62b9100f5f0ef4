package dev.hearth.client;

import org.jspecify.annotations.Nullable;

/**
 * How a query is stored and fetched: its name ({@code as}), its fetch policy, whether a refetch
 * keeps it {@code LOADED} while it runs (background fetching), and whether it is answered from
 * the store alone (no fetch). Immutable.
 */
public record QueryOptions(
        @Nullable String as, FetchPolicy fetchPolicy, boolean backgroundFetching, boolean executeFromStore) {

    /** No name (one is derived from the definition, with a warning), always fetched. */
    public static QueryOptions defaults() {
        return new QueryOptions(null, FetchPolicy.always(), false, false);
    }

    /** Stores the query under {@code name}. */
    public static QueryOptions as(String name) {
        return defaults().named(name);
    }

    public QueryOptions named(String name) {
        return new QueryOptions(name, fetchPolicy, backgroundFetching, executeFromStore);
    }

    public QueryOptions fetchPolicy(FetchPolicy policy) {
        return new QueryOptions(as, policy, backgroundFetching, executeFromStore);
    }

    public QueryOptions backgroundFetching(boolean on) {
        return new QueryOptions(as, fetchPolicy, on, executeFromStore);
    }

    public QueryOptions executeFromStore(boolean on) {
        return new QueryOptions(as, fetchPolicy, backgroundFetching, on);
    }
}
