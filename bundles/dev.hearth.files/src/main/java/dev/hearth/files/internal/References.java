package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.FindResult;
import dev.hearth.files.ReferencePage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The entries a document references ({@code referenced_by} holds it). Mango indexes cannot index
 * the elements of an array, so this walks the files page by page with {@code $elemMatch}, keeps
 * only the id and sort key of each match, sorts them and reads the documents of one page.
 */
final class References {
    private static final int WALK_PAGE = 1000;

    private References() {}

    private record Match(String key, String id) {}

    static ReferencePage page(
            Volume v, String doctype, String docId, @Nullable String cursor, int skip, int limit, boolean byDatetime) {
        List<Match> all = matches(v, doctype, docId, byDatetime);
        all.sort(Comparator.comparing(Match::key));
        int from = 0;
        if (cursor != null) {
            while (from < all.size() && all.get(from).key().compareTo(cursor) <= 0) {
                from++;
            }
        }
        from = Math.min(all.size(), from + skip);
        int to = Math.min(all.size(), from + limit);
        List<ObjectNode> docs = new ArrayList<>();
        for (Match m : all.subList(from, to)) {
            v.tree().find(m.id()).ifPresent(docs::add);
        }
        String next = to < all.size() && to > from ? all.get(to - 1).key() : null;
        return new ReferencePage(docs, all.size(), next);
    }

    private static List<Match> matches(Volume v, String doctype, String docId, boolean byDatetime) {
        List<Match> out = new ArrayList<>();
        String bookmark = null;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector")
                    .putObject("referenced_by")
                    .putObject("$elemMatch")
                    .put("type", doctype)
                    .put("id", docId);
            body.put("limit", WALK_PAGE);
            body.putArray("fields").add("_id").add("created_at").add("metadata.datetime");
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = v.db().find(body);
            for (ObjectNode d : page.docs()) {
                String id = d.path("_id").asText();
                String datetime = d.path("metadata")
                        .path("datetime")
                        .asText(d.path("created_at").asText(""));
                out.add(new Match(byDatetime ? datetime + "|" + id : id, id));
            }
            if (page.docs().size() < WALK_PAGE) {
                return out;
            }
            bookmark = page.bookmark();
        }
    }
}
