package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The normalized documents: one per doctype and id, at the newest revision seen. A partial
 * document (from a query with selected fields) is merged into what is held, so no field is lost;
 * a full document at a newer or equal revision replaces it; an older revision (a late realtime
 * event) is ignored; a deleted one removes it. Not thread safe: the client guards it.
 */
public final class Documents {
    private final Map<String, Map<String, ObjectNode>> byType = new HashMap<>();

    /** A change to apply to the queries: the document as now held, or null when gone. */
    public record Change(
            String doctype, String id, @Nullable ObjectNode doc) {}

    public @Nullable ObjectNode get(String doctype, String id) {
        Map<String, ObjectNode> docs = byType.get(doctype);
        return docs == null ? null : docs.get(id);
    }

    public Collection<ObjectNode> all(String doctype) {
        return byType.getOrDefault(doctype, Map.of()).values();
    }

    /** Every held document, by doctype (copies of the lists, not of the documents). */
    public Map<String, List<ObjectNode>> snapshot() {
        Map<String, List<ObjectNode>> out = new java.util.TreeMap<>();
        byType.forEach((doctype, docs) -> out.put(doctype, List.copyOf(docs.values())));
        return out;
    }

    public int size(String doctype) {
        return byType.getOrDefault(doctype, Map.of()).size();
    }

    /** Applies a document read from the server; empty when nothing changed. */
    public Optional<Change> apply(String doctype, ObjectNode incoming, boolean partial) {
        String id = incoming.path("_id").asText("");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ObjectNode> docs = byType.computeIfAbsent(doctype, t -> new HashMap<>());
        ObjectNode held = docs.get(id);
        int order = held == null
                ? 1
                : compareRevs(
                        incoming.path("_rev").asText(""), held.path("_rev").asText(""));
        if (incoming.path("_deleted").asBoolean(false)) {
            if (held == null || order < 0) {
                return Optional.empty();
            }
            docs.remove(id);
            return Optional.of(new Change(doctype, id, null));
        }
        ObjectNode next;
        if (held == null) {
            next = incoming.deepCopy();
        } else if (order < 0) {
            return Optional.empty();
        } else if (partial) {
            next = held.deepCopy();
            next.setAll(incoming);
        } else {
            next = incoming.deepCopy();
        }
        next.remove("_type");
        if (next.equals(held)) {
            return Optional.empty();
        }
        docs.put(id, next);
        return Optional.of(new Change(doctype, id, next));
    }

    /** Loads many documents at once (tests, benchmarks, a persisted store). */
    public List<Change> applyAll(String doctype, Iterable<? extends JsonNode> docs, boolean partial) {
        java.util.ArrayList<Change> changes = new java.util.ArrayList<>();
        for (JsonNode doc : docs) {
            if (doc instanceof ObjectNode o) {
                apply(doctype, o, partial).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /** CouchDB's revision order: the generation, then the hash. */
    static int compareRevs(String a, String b) {
        int c = Long.compare(generation(a), generation(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static long generation(String rev) {
        int dash = rev.indexOf('-');
        try {
            return dash < 0 ? 0 : Long.parseLong(rev.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
