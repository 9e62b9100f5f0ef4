package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.ClientException;
import dev.hearth.client.FetchStatus;
import dev.hearth.client.Plan;
import dev.hearth.client.Q;
import dev.hearth.client.QueryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A query held by the store. It keeps every held document that matches it, sorted by the
 * server's key, and shows those inside the window the server answered: while the server has
 * more, the result stops at the key of the last document it sent (and, for a query with an
 * offset, starts at the first). A change of one document costs one match and a tree update.
 * Guarded by the client's lock.
 */
public final class StoredQuery {
    private final String name;
    final Plan plan;
    final Comparator<byte[]> order;
    final TreeMap<byte[], String> matching;
    final Map<String, byte[]> keys = new HashMap<>();
    public FetchStatus status = FetchStatus.PENDING;
    public boolean fetching;
    public @Nullable Instant lastFetch;
    public @Nullable Instant lastUpdate;
    public @Nullable ClientException lastError;
    public boolean hasMore;
    public @Nullable Long serverCount;
    public @Nullable String bookmark;
    private byte @Nullable [] lower;
    private byte @Nullable [] upper;

    public StoredQuery(String name, Q definition, Iterable<ObjectNode> held) {
        this.name = name;
        this.plan = Plan.of(definition);
        this.order = plan.keyOrder();
        this.matching = new TreeMap<>(order);
        held.forEach(doc -> update(doc.path("_id").asText(), doc));
    }

    public String name() {
        return name;
    }

    public Plan plan() {
        return plan;
    }

    public String doctype() {
        return plan.query().doctype();
    }

    /** Whether its ids are shown (it was fetched or answered from the store once). */
    public boolean shown() {
        return status == FetchStatus.LOADED || lastFetch != null;
    }

    /** Applies one document change; true when the shown result changed. */
    public boolean update(String id, @Nullable ObjectNode doc) {
        byte[] old = keys.remove(id);
        if (old != null) {
            matching.remove(old);
        }
        byte[] now = doc == null ? null : plan.matchKey(doc);
        if (now != null) {
            matching.put(now, id);
            keys.put(id, now);
        }
        return (old != null && inWindow(old)) || (now != null && inWindow(now));
    }

    /** Sets the window after a page from the server: {@code first} on a first page, {@code last} on every page. */
    public void window(List<ObjectNode> page, boolean firstPage, boolean more) {
        if (firstPage) {
            lower = plan.query().skip() > 0 || plan.query().bookmark() != null ? keyOf(page, 0) : null;
        }
        if (!more) {
            upper = null;
        } else if (!page.isEmpty()) {
            upper = keyOf(page, page.size() - 1);
        }
    }

    /** Shows every matching document (answered from the store). */
    public void unbounded() {
        lower = null;
        upper = null;
    }

    private byte @Nullable [] keyOf(List<ObjectNode> page, int i) {
        if (page.isEmpty()) {
            return null;
        }
        byte[] key = plan.matchKey(page.get(i));
        return key != null ? key : keys.get(page.get(i).path("_id").asText());
    }

    boolean inWindow(byte[] key) {
        return (upper == null || order.compare(key, upper) <= 0) && (lower == null || order.compare(key, lower) >= 0);
    }

    /** The shown ids, in result order. */
    public List<String> ids() {
        if (!shown()) {
            return List.of();
        }
        NavigableMap<byte[], String> view = matching;
        if (upper != null) {
            view = view.headMap(upper, true);
        }
        if (lower != null) {
            view = view.tailMap(lower, true);
        }
        return new ArrayList<>(view.values());
    }

    public QueryState snapshot(Documents docs) {
        List<String> ids = ids();
        List<ObjectNode> data = new ArrayList<>(ids.size());
        ids.forEach(id -> data.add(docs.get(doctype(), id)));
        long count = serverCount != null ? serverCount : ids.size();
        return new QueryState(
                name,
                plan.query(),
                status,
                fetching,
                lastFetch,
                lastUpdate,
                lastError,
                hasMore,
                count,
                bookmark,
                List.copyOf(ids),
                List.copyOf(data));
    }
}
