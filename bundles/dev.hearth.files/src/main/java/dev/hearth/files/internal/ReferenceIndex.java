package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.FindResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * Which entries reference which document, in memory: Mango cannot index the elements of the
 * {@code referenced_by} arrays, and a walk of every file per page of an album would not scale.
 * Built by one walk on first use (under the volume's lock), then kept up by the changes of
 * {@code referenced_by} and the deletions, which all go through the file system ({@code
 * io.cozy.files} is not writable through {@code /data}). It holds ids only.
 */
final class ReferenceIndex {
    private static final int PAGE = 1000;

    private final Map<String, NavigableSet<String>> byDocument = new ConcurrentHashMap<>();
    private volatile boolean built;

    private static String key(JsonNode ref) {
        return ref.path("type").asText() + "/" + ref.path("id").asText();
    }

    /** The ids of the entries that reference {@code doctype/id}, sorted; built on first use. */
    NavigableSet<String> entries(Volume v, String doctype, String id) {
        if (!built) {
            v.locked(() -> {
                if (!built) {
                    build(v);
                    built = true;
                }
                return null;
            });
        }
        NavigableSet<String> ids = byDocument.get(doctype + "/" + id);
        return ids == null ? new ConcurrentSkipListSet<>() : ids;
    }

    private void build(Volume v) {
        String bookmark = null;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector").putObject("referenced_by").put("$exists", true);
            body.put("limit", PAGE);
            body.putArray("fields").add("_id").add("referenced_by");
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = v.db().find(body);
            page.docs().forEach(d -> changed(null, d));
            if (page.docs().size() < PAGE) {
                return;
            }
            bookmark = page.bookmark();
        }
    }

    /** Follows the change of an entry from {@code before} (null: new) to {@code after} (null: deleted). */
    void changed(@Nullable ObjectNode before, @Nullable ObjectNode after) {
        Set<String> old = refs(before);
        Set<String> now = refs(after);
        String id = (after != null ? after : before).path("_id").asText();
        for (String k : old) {
            if (!now.contains(k)) {
                byDocument.computeIfPresent(k, (key, ids) -> {
                    ids.remove(id);
                    return ids.isEmpty() ? null : ids;
                });
            }
        }
        for (String k : now) {
            if (!old.contains(k)) {
                byDocument
                        .computeIfAbsent(k, key -> new ConcurrentSkipListSet<>())
                        .add(id);
            }
        }
    }

    /** Follows the changes of several entries. */
    void changed(List<ObjectNode> before, List<ObjectNode> after) {
        for (int i = 0; i < after.size(); i++) {
            changed(before.get(i), after.get(i));
        }
    }

    private static Set<String> refs(@Nullable ObjectNode doc) {
        Set<String> out = new HashSet<>();
        if (doc != null) {
            doc.path("referenced_by").forEach(r -> out.add(key(r)));
        }
        return out;
    }
}
