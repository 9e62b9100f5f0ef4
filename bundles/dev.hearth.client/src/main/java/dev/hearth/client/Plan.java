package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import dev.hearth.mango.FieldCondition;
import dev.hearth.mango.FieldPath;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.Selector;
import dev.hearth.mango.Sort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a query definition runs, on the server and in memory, so that both give the same answer.
 *
 * <p>A Mango query always runs on a json index named after its fields ({@code by_a_and_b}, plus a
 * digest of the partial filter): the sort fields first, then the fields the selector requires. The
 * server's result is then exactly: the documents that have every index field (documents missing
 * one are not in the index) and match the selector and the partial filter, in index key order
 * (the encoded field values, then the id's bytes), reversed for a descending sort. Index fields the
 * selector does not require are required with {@code $exists}, which the index implies anyway, so
 * that the server can use the index. A query that constrains no field runs on an index of
 * {@code _id}. Every document of a doctype comes in id byte order, as {@code _normal_docs} gives
 * them.
 */
public final class Plan {
    /** The kinds of definitions, each served by its own route. */
    public enum Kind {
        BY_ID,
        BY_IDS,
        ALL,
        MANGO
    }

    private final Q q;
    private final Kind kind;
    private final List<String> indexFields;
    private final List<FieldPath> indexPaths;
    private final ObjectNode requestSelector;
    private final Selector selector;
    private final Sort sort;
    private final byte[] from;
    private final byte[] to;

    private Plan(Q q) {
        this.q = q;
        this.kind = q.id() != null ? Kind.BY_ID : q.ids() != null ? Kind.BY_IDS : q.isMango() ? Kind.MANGO : Kind.ALL;
        this.sort = q.sort() == null ? Sort.none() : Sort.parse(q.sort());
        ObjectNode user = q.selector() == null ? Json.object() : q.selector();
        this.indexFields = kind == Kind.MANGO ? indexFields(q, user, sort) : List.of();
        this.indexPaths = indexFields.stream().map(FieldPath::parse).toList();
        this.requestSelector = requestSelector(user, q.partialFilter(), indexFields, sort);
        this.selector = Selector.parse(requestSelector);
        byte[][] range =
                kind == Kind.MANGO ? IndexKeys.scanRange(indexFields, selector.andedConditions()) : new byte[2][];
        this.from = range[0];
        this.to = range[1];
    }

    public static Plan of(Q q) {
        return new Plan(q);
    }

    public Q query() {
        return q;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> indexFields() {
        return indexFields;
    }

    /**
     * Whether the selector's conditions on one field contradict each other (say, the partial
     * filter wants it missing and the selector present), so that nothing matches: the server
     * cannot use the index then, and the answer is empty without asking it.
     */
    public boolean matchesNothing() {
        return kind == Kind.MANGO
                && selector.andedConditions().values().stream().anyMatch(FieldCondition::isUnsatisfiable);
    }

    /** The selector sent to the server: the user's, the partial filter and the index fields' existence. */
    public ObjectNode requestSelector() {
        return requestSelector.deepCopy();
    }

    /** The sort sent to the server, or null. */
    public @Nullable ArrayNode requestSort() {
        return q.sort();
    }

    /** The {@code _find} request of a Mango query. */
    public ObjectNode findRequest() {
        ObjectNode body = Json.object();
        body.set("selector", requestSelector());
        body.put("use_index", "_design/" + indexName());
        ArrayNode sort = requestSort();
        if (sort != null) {
            body.set("sort", sort);
        }
        if (q.fields() != null) {
            Set<String> fields = new LinkedHashSet<>(q.fields());
            fields.add("_id");
            fields.add("_rev");
            fields.addAll(indexFields);
            fields.addAll(Selector.parse(requestSelector()).fields());
            fields.forEach(body.putArray("fields")::add);
        }
        body.put("limit", q.limit() == null ? 100 : q.limit());
        if (q.skip() > 0) {
            body.put("skip", q.skip());
        }
        if (q.bookmark() != null) {
            body.put("bookmark", q.bookmark());
        }
        return body;
    }

    /** The design document (and index) name the query runs on. */
    public String indexName() {
        StringBuilder name = new StringBuilder("by_").append(String.join("_and_", indexFields));
        if (q.partialFilter() != null) {
            name.append("_filter_")
                    .append(digest(Selector.parse(q.partialFilter()).normalized()));
        }
        return name.toString();
    }

    /** The {@code _index} request that creates the query's index. */
    public ObjectNode indexRequest() {
        ObjectNode request = Json.object();
        ObjectNode index = request.putObject("index");
        indexFields.forEach(index.putArray("fields")::add);
        if (q.partialFilter() != null) {
            index.set("partial_filter_selector", q.partialFilter());
        }
        request.put("ddoc", indexName());
        request.put("name", indexName());
        return request;
    }

    /** Whether a document of the query's doctype belongs to its result. */
    public boolean matches(JsonNode doc) {
        return matchKey(doc) != null;
    }

    /**
     * The sort key of a document of the query's doctype that belongs to its result, else null.
     * For a Mango query, as on the server: the document is in the index (it has every index field
     * and matches the partial filter), its key is in the range the server scans, and it matches
     * the selector. The range matters: an array holding a value of an {@code $in} is outside it.
     */
    public byte @Nullable [] matchKey(JsonNode doc) {
        boolean in = switch (kind) {
            case BY_ID -> q.id().equals(doc.path("_id").asText());
            case BY_IDS -> q.ids().contains(doc.path("_id").asText());
            case ALL -> true;
            case MANGO -> indexPaths.stream().allMatch(p -> p.existsIn(doc));
        };
        if (!in) {
            return null;
        }
        byte[] key = key(doc);
        if (kind != Kind.MANGO) {
            return key;
        }
        Comparator<byte[]> bytes = IndexKeys.comparator();
        if (bytes.compare(key, from) < 0 || bytes.compare(key, to) >= 0 || !selector.matches(doc)) {
            return null;
        }
        return key;
    }

    /**
     * The sort key of a matching document: the server's index key for a Mango query, the id's
     * bytes for every document, the position in the ids for documents by ids.
     */
    public byte[] key(JsonNode doc) {
        String id = doc.path("_id").asText();
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case BY_ID, ALL -> idBytes;
            case BY_IDS -> positionKey(q.ids().indexOf(id));
            case MANGO -> IndexKeys.concat(IndexKeys.encode(values(doc)), idBytes);
        };
    }

    /** Whether the result comes in descending key order. */
    public boolean descending() {
        return kind == Kind.MANGO && !sort.isEmpty() && sort.direction() == Sort.Direction.DESC;
    }

    /** Compares keys in result order. */
    public Comparator<byte[]> keyOrder() {
        Comparator<byte[]> ascending = IndexKeys.comparator();
        return descending() ? ascending.reversed() : ascending;
    }

    /** The query run in memory: matching documents in result order, after the offset, up to the limit. */
    public List<ObjectNode> evaluate(Iterable<ObjectNode> docs) {
        List<Keyed> matching = new ArrayList<>();
        for (ObjectNode doc : docs) {
            byte[] key = matchKey(doc);
            if (key != null) {
                matching.add(new Keyed(key, doc));
            }
        }
        Comparator<byte[]> order = keyOrder();
        matching.sort((a, b) -> order.compare(a.key(), b.key()));
        int from = Math.min(q.skip(), matching.size());
        int to = q.limit() == null ? matching.size() : Math.min(matching.size(), from + q.limit());
        return matching.subList(from, to).stream().map(Keyed::doc).toList();
    }

    private record Keyed(byte[] key, ObjectNode doc) {}

    private List<JsonNode> values(JsonNode doc) {
        List<JsonNode> values = new ArrayList<>(indexPaths.size());
        for (FieldPath path : indexPaths) {
            Optional<JsonNode> value = path.get(doc);
            values.add(value.orElseThrow(() -> new IllegalArgumentException("Not in the index: " + path)));
        }
        return values;
    }

    private static List<String> indexFields(Q q, ObjectNode user, Sort sort) {
        if (q.indexedFields() != null && !q.indexedFields().isEmpty()) {
            return q.indexedFields();
        }
        Set<String> fields = new LinkedHashSet<>(sort.fields());
        Selector.parse(user).andedConditions().forEach((field, c) -> {
            if (requires(c)) {
                fields.add(field);
            }
        });
        return fields.isEmpty() ? List.of("_id") : List.copyOf(fields);
    }

    /** Whether a condition lets the server's planner use an index on its field. */
    private static boolean requires(FieldCondition c) {
        return c.equalTo().isPresent()
                || c.lower().isPresent()
                || c.upper().isPresent()
                || c.in().isPresent()
                || c.exists().orElse(false);
    }

    private static ObjectNode requestSelector(
            ObjectNode user, @Nullable ObjectNode partial, List<String> indexFields, Sort sort) {
        List<JsonNode> parts = new ArrayList<>();
        if (!user.isEmpty()) {
            parts.add(user);
        }
        if (partial != null && !partial.isEmpty()) {
            parts.add(partial);
        }
        Map<String, FieldCondition> conds = Selector.parse(user).andedConditions();
        for (String field : indexFields) {
            if (!sort.fields().contains(field) && (conds.get(field) == null || !requires(conds.get(field)))) {
                ObjectNode exists = Json.object();
                exists.putObject(field).put("$exists", true);
                parts.add(exists);
            }
        }
        if (parts.isEmpty()) {
            return Json.object();
        }
        if (parts.size() == 1) {
            return ((ObjectNode) parts.get(0)).deepCopy();
        }
        ObjectNode and = Json.object();
        ArrayNode list = and.putArray("$and");
        parts.forEach(p -> list.add(p.deepCopy()));
        return and;
    }

    private static byte[] positionKey(int position) {
        return new byte[] {(byte) (position >>> 24), (byte) (position >>> 16), (byte) (position >>> 8), (byte) position
        };
    }

    private static String digest(JsonNode node) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(Json.text(node).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
