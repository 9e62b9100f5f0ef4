package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.files.ReferencePage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import org.jspecify.annotations.Nullable;

/**
 * The entries a document references ({@code referenced_by} holds it), from the volume's {@link
 * ReferenceIndex}: by id, the page is read from the sorted ids; by datetime, the referencing
 * entries are read (only they) and sorted by {@code metadata.datetime}, else {@code created_at}.
 */
final class References {
    private References() {}

    private record Match(String key, ObjectNode doc) {}

    static ReferencePage page(
            Volume v, String doctype, String docId, @Nullable String cursor, int skip, int limit, boolean byDatetime) {
        NavigableSet<String> ids = v.references().entries(v, doctype, docId);
        return byDatetime ? byDatetime(v, ids, cursor, skip, limit) : byId(v, ids, cursor, skip, limit);
    }

    private static ReferencePage byId(
            Volume v, NavigableSet<String> ids, @Nullable String cursor, int skip, int limit) {
        List<ObjectNode> docs = new ArrayList<>();
        String last = null;
        boolean more = false;
        int skipped = 0;
        for (String id : cursor == null ? ids : ids.tailSet(cursor, false)) {
            if (docs.size() == limit) {
                more = true;
                break;
            }
            if (skipped < skip) {
                skipped++;
                continue;
            }
            var doc = v.tree().find(id);
            if (doc.isPresent()) {
                docs.add(doc.get());
                last = id;
            }
        }
        return new ReferencePage(docs, ids.size(), more ? last : null);
    }

    private static ReferencePage byDatetime(
            Volume v, NavigableSet<String> ids, @Nullable String cursor, int skip, int limit) {
        List<Match> all = new ArrayList<>();
        for (String id : ids) {
            v.tree().find(id).ifPresent(d -> {
                String datetime = d.path("metadata")
                        .path("datetime")
                        .asText(d.path("created_at").asText(""));
                all.add(new Match(datetime + "|" + id, d));
            });
        }
        all.sort(Comparator.comparing(Match::key));
        int from = 0;
        if (cursor != null) {
            while (from < all.size() && all.get(from).key().compareTo(cursor) <= 0) {
                from++;
            }
        }
        from = Math.min(all.size(), from + skip);
        int to = Math.min(all.size(), from + limit);
        List<ObjectNode> docs = all.subList(from, to).stream().map(Match::doc).toList();
        String next = to < all.size() && to > from ? all.get(to - 1).key() : null;
        return new ReferencePage(docs, all.size(), next);
    }
}
