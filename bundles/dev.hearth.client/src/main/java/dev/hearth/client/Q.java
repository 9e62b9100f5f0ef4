package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import dev.hearth.mango.Selector;
import dev.hearth.mango.Sort;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable query definition: every method returns a new definition. A definition is one of
 * a document by id ({@link #getById}), documents by ids ({@link #getByIds}), every document of
 * the doctype ({@code Q.of(doctype)} alone), or a Mango query ({@link #where}, {@link #sortBy},
 * ...). Selectors and sorts are checked by the server's own Mango parser when they are set, so a
 * bad one fails here with the server's error rather than later over the network.
 *
 * <pre>{@code
 * Q todos = Q.of("io.cozy.todos")
 *         .where("{\"done\":false}")
 *         .sortBy("priority")
 *         .select("label", "priority")
 *         .limitBy(50);
 * }</pre>
 */
public final class Q {
    private final String doctype;
    private final @Nullable String id;
    private final @Nullable List<String> ids;
    private final @Nullable ObjectNode selector;
    private final @Nullable ObjectNode partialFilter;
    private final @Nullable List<String> indexedFields;
    private final @Nullable ArrayNode sort;
    private final @Nullable List<String> fields;
    private final @Nullable Integer limit;
    private final int skip;
    private final @Nullable String bookmark;

    private Q(
            String doctype,
            @Nullable String id,
            @Nullable List<String> ids,
            @Nullable ObjectNode selector,
            @Nullable ObjectNode partialFilter,
            @Nullable List<String> indexedFields,
            @Nullable ArrayNode sort,
            @Nullable List<String> fields,
            @Nullable Integer limit,
            int skip,
            @Nullable String bookmark) {
        this.doctype = doctype;
        this.id = id;
        this.ids = ids;
        this.selector = selector;
        this.partialFilter = partialFilter;
        this.indexedFields = indexedFields;
        this.sort = sort;
        this.fields = fields;
        this.limit = limit;
        this.skip = skip;
        this.bookmark = bookmark;
    }

    /** Every document of {@code doctype}, until a selector or a sort is added. */
    public static Q of(String doctype) {
        if (doctype == null || doctype.isBlank()) {
            throw new IllegalArgumentException("A query needs a doctype");
        }
        return new Q(doctype, null, null, null, null, null, null, null, null, 0, null);
    }

    /** One document by its id. */
    public static Q getById(String doctype, String id) {
        of(doctype);
        return new Q(doctype, Objects.requireNonNull(id), null, null, null, null, null, null, null, 0, null);
    }

    /** Documents by their ids, in the order of the ids. */
    public static Q getByIds(String doctype, String... ids) {
        of(doctype);
        return new Q(doctype, null, List.of(ids), null, null, null, null, null, null, 0, null);
    }

    /** The definition {@link #toJson()} gave. */
    public static Q fromJson(JsonNode json) {
        String doctype = json.path("doctype").asText();
        Q q = json.has("id") ? getById(doctype, json.path("id").asText()) : of(doctype);
        if (json.has("ids")) {
            List<String> list = new java.util.ArrayList<>();
            json.path("ids").forEach(n -> list.add(n.asText()));
            q = getByIds(doctype, list.toArray(String[]::new));
        }
        if (json.has("selector")) {
            q = q.where(json.path("selector"));
        }
        if (json.has("partialFilter")) {
            q = q.partialIndex(json.path("partialFilter"));
        }
        if (json.has("indexedFields")) {
            q = q.indexFields(strings(json.path("indexedFields")));
        }
        if (json.has("sort")) {
            q = q.sortBy(json.path("sort"));
        }
        if (json.has("fields")) {
            q = q.select(strings(json.path("fields")));
        }
        if (json.has("limit")) {
            q = q.limitBy(json.path("limit").asInt());
        }
        if (json.has("skip")) {
            q = q.offset(json.path("skip").asInt());
        }
        return json.has("bookmark") ? q.offsetBookmark(json.path("bookmark").asText()) : q;
    }

    private static String[] strings(JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list.toArray(String[]::new);
    }

    /** The Mango selector, as a JSON object. */
    public Q where(JsonNode mangoSelector) {
        Selector.parse(mangoSelector);
        return new Q(
                doctype,
                id,
                ids,
                mangoSelector.deepCopy(),
                partialFilter,
                indexedFields,
                sort,
                fields,
                limit,
                skip,
                bookmark);
    }

    /** The Mango selector, as JSON text. */
    public Q where(String mangoSelector) {
        return where(Json.parse(mangoSelector));
    }

    /** The fields of the index the query runs on, in order (by default: the sort fields, then the selector's). */
    public Q indexFields(String... indexFields) {
        return new Q(
                doctype, id, ids, selector, partialFilter, List.of(indexFields), sort, fields, limit, skip, bookmark);
    }

    /** Runs the query on a partial index, holding only the documents matching {@code filter}. */
    public Q partialIndex(JsonNode filter) {
        Selector.parse(filter);
        return new Q(doctype, id, ids, selector, filter.deepCopy(), indexedFields, sort, fields, limit, skip, bookmark);
    }

    public Q partialIndex(String filter) {
        return partialIndex(Json.parse(filter));
    }

    /** Ascending order on these fields. */
    public Q sortBy(String... sortFields) {
        ArrayNode spec = Json.array();
        Arrays.stream(sortFields).forEach(f -> spec.addObject().put(f, "asc"));
        return sortBy(spec);
    }

    /** Descending order on these fields. */
    public Q sortDescBy(String... sortFields) {
        ArrayNode spec = Json.array();
        Arrays.stream(sortFields).forEach(f -> spec.addObject().put(f, "desc"));
        return sortBy(spec);
    }

    /** A Mango sort: {@code [{"field":"asc"|"desc"}, ...]} or {@code ["field", ...]}. */
    public Q sortBy(JsonNode mangoSort) {
        Sort parsed = Sort.parse(mangoSort);
        ArrayNode normalized = (ArrayNode) parsed.toJson();
        return new Q(
                doctype,
                id,
                ids,
                selector,
                partialFilter,
                indexedFields,
                normalized.isEmpty() ? null : normalized,
                fields,
                limit,
                skip,
                bookmark);
    }

    /** Only these fields of the documents (the store merges them into what it holds). */
    public Q select(String... selectedFields) {
        return new Q(
                doctype,
                id,
                ids,
                selector,
                partialFilter,
                indexedFields,
                sort,
                List.of(selectedFields),
                limit,
                skip,
                bookmark);
    }

    public Q limitBy(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("A limit must be positive: " + max);
        }
        return new Q(doctype, id, ids, selector, partialFilter, indexedFields, sort, fields, max, skip, bookmark);
    }

    public Q offset(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("An offset cannot be negative: " + count);
        }
        return new Q(doctype, id, ids, selector, partialFilter, indexedFields, sort, fields, limit, count, bookmark);
    }

    public Q offsetBookmark(@Nullable String mark) {
        return new Q(doctype, id, ids, selector, partialFilter, indexedFields, sort, fields, limit, skip, mark);
    }

    public String doctype() {
        return doctype;
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable List<String> ids() {
        return ids;
    }

    public @Nullable ObjectNode selector() {
        return selector == null ? null : selector.deepCopy();
    }

    public @Nullable ObjectNode partialFilter() {
        return partialFilter == null ? null : partialFilter.deepCopy();
    }

    public @Nullable List<String> indexedFields() {
        return indexedFields;
    }

    public @Nullable ArrayNode sort() {
        return sort == null ? null : sort.deepCopy();
    }

    public @Nullable List<String> fields() {
        return fields;
    }

    public @Nullable Integer limit() {
        return limit;
    }

    public int skip() {
        return skip;
    }

    public @Nullable String bookmark() {
        return bookmark;
    }

    /** Whether this is a Mango query (a selector or a sort), rather than ids or every document. */
    public boolean isMango() {
        return id == null && ids == null && (selector != null || sort != null || partialFilter != null);
    }

    /** The definition as JSON; two definitions are equal when their JSON is. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object().put("doctype", doctype);
        if (id != null) {
            out.put("id", id);
        }
        if (ids != null) {
            ids.forEach(out.putArray("ids")::add);
        }
        putIf(out, "selector", selector);
        putIf(out, "partialFilter", partialFilter);
        if (indexedFields != null) {
            indexedFields.forEach(out.putArray("indexedFields")::add);
        }
        putIf(out, "sort", sort);
        if (fields != null) {
            fields.forEach(out.putArray("fields")::add);
        }
        if (limit != null) {
            out.put("limit", limit);
        }
        if (skip > 0) {
            out.put("skip", skip);
        }
        if (bookmark != null) {
            out.put("bookmark", bookmark);
        }
        return out;
    }

    private static void putIf(ObjectNode out, String name, @Nullable JsonNode value) {
        if (value != null) {
            out.set(name, value.deepCopy());
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Q other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return Json.text(toJson());
    }
}
