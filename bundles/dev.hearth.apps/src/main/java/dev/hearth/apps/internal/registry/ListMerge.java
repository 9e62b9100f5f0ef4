package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The list of apps of several registries as one ({@code registry-apps.md} 1.3): each registry's
 * page from its own position, the first registry winning for a slug several have, sorted and cut
 * to the limit; the cursor holds the next position in each registry, {@code -1} once one is
 * exhausted, and is empty when all are.
 */
final class ListMerge {
    private static final Set<String> SORTS = Set.of("slug", "type", "editor", "created_at");

    /** One registry's page: its apps, and whether it has more after them. */
    record Page(List<ObjectNode> apps, boolean more) {}

    private ListMerge() {}

    /** The order {@code sort} asks for: a field among slug, type, editor and created_at, {@code -} for descending. */
    static Comparator<JsonNode> order(@Nullable String sort) {
        boolean descending = sort != null && sort.startsWith("-");
        String field = sort == null ? "slug" : descending ? sort.substring(1) : sort;
        String key = SORTS.contains(field) ? field : "slug";
        Comparator<JsonNode> order = Comparator.comparing(app -> app.path(key).asText());
        order = order.thenComparing(app -> app.path("slug").asText());
        return descending ? order.reversed() : order;
    }

    /** Parses a cursor of {@code registries} positions; a missing or short one starts at 0. */
    static long[] cursor(@Nullable String cursor, int registries) {
        long[] positions = new long[registries];
        if (cursor == null || cursor.isEmpty()) {
            return positions;
        }
        String[] parts = cursor.split("\\|", -1);
        for (int i = 0; i < registries && i < parts.length; i++) {
            try {
                positions[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                positions[i] = 0;
            }
        }
        return positions;
    }

    /**
     * Merges the pages (null for a registry already exhausted or that failed) read from {@code
     * positions}.
     */
    static ObjectNode merge(List<@Nullable Page> pages, long[] positions, int limit, @Nullable String sort) {
        record Item(int registry, ObjectNode app) {}
        List<Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long[] next = positions.clone();
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            if (page == null) {
                next[i] = -1;
                continue;
            }
            for (ObjectNode app : page.apps()) {
                if (seen.add(app.path("slug").asText())) {
                    items.add(new Item(i, app));
                } else {
                    next[i]++;
                }
            }
        }
        Comparator<JsonNode> order = order(sort);
        items.sort((a, b) -> order.compare(a.app(), b.app()));
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode data = out.putArray("data");
        for (Item item : items.subList(0, Math.min(limit, items.size()))) {
            data.add(item.app());
            next[item.registry()]++;
        }
        boolean done = true;
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            if (page != null
                    && !page.more()
                    && next[i] >= positions[i] + page.apps().size()) {
                next[i] = -1;
            }
            done &= next[i] < 0;
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("count", data.size());
        List<String> parts = new ArrayList<>();
        for (long n : next) {
            parts.add(String.valueOf(n));
        }
        meta.put("next_cursor", done ? "" : String.join("|", parts));
        return out;
    }
}
