package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.mango.FieldPath;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.MangoException;
import dev.hearth.mango.Projection;
import dev.hearth.mango.Selector;
import dev.hearth.mango.Sort;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One Mango query as every engine runs it: the request parsed, the index chosen
 * ({@link QueryPlan}), the key range narrowed by the bookmark; the engine then walks that range
 * of the chosen index in key order (or its primary index in id order) and hands each entry to
 * {@link #consider}, which checks the whole selector, skips, projects and collects up to the
 * limit. The bookmark is the last key returned, so pages are the same on every engine.
 */
public final class FindScan {
    private static final int DEFAULT_LIMIT = 25;
    private static final int COUNT_PAGE = 1000;

    /** The whole revision tree of a document, read only for {@code conflicts}. */
    @FunctionalInterface
    public interface Records {
        @Nullable
        DocRecord record(String id);
    }

    private final Request r;
    private final QueryPlan plan;
    private final boolean asText;
    private final long start;
    private final @Nullable Set<String> readFields;
    private final List<ObjectNode> docs = new ArrayList<>();
    private final List<byte[]> texts = new ArrayList<>();
    private byte @Nullable [] lastKey;
    private long keysExamined;
    private long docsExamined;
    private int skipped;

    private record Request(
            Selector selector,
            int limit,
            int skip,
            Sort sort,
            Projection fields,
            @Nullable List<String> useIndex,
            byte @Nullable [] bookmark,
            boolean stats,
            boolean conflicts) {
        /**
         * The top-level fields of the body that the selector and the projection read: a
         * document reduced to them (and its {@code _id} and {@code _rev}) matches and projects
         * as the whole document does.
         */
        Set<String> readFields() {
            Set<String> names = new HashSet<>();
            selector.fields()
                    .forEach(f -> names.add(FieldPath.parse(f).segments().get(0)));
            fields.fields().forEach(f -> names.add(FieldPath.parse(f).segments().get(0)));
            return names;
        }
    }

    private FindScan(Request r, QueryPlan plan, boolean asText) {
        this.start = System.nanoTime();
        this.r = r;
        this.plan = plan;
        this.asText = asText;
        this.readFields = asText && !r.conflicts() ? r.readFields() : null;
    }

    /**
     * Parses a {@code _find} body and plans it over the database's json indexes.
     *
     * @param asText whether documents are collected as JSON text ({@link #jsonResult})
     * @throws CouchException 400 for a bad request or a sort no index follows
     */
    public static FindScan plan(ObjectNode body, List<IndexDef> indexes, boolean asText) {
        Request r = parse(body);
        return new FindScan(
                r, QueryPlan.choose(indexes, r.selector().andedConditions(), r.sort(), r.useIndex()), asText);
    }

    /**
     * Counts what a query would find by running it page after page for ids only: how an engine
     * counts a selector that no index range answers exactly.
     *
     * @param find runs one {@code _find} body on the engine's database
     */
    public static long countByPages(
            ObjectNode selector, @Nullable String useIndex, Function<ObjectNode, FindResult> find) {
        long count = 0;
        String bookmark = null;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.set("selector", selector);
            body.putArray("fields").add("_id");
            body.put("limit", COUNT_PAGE);
            if (useIndex != null) {
                body.put("use_index", useIndex);
            }
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = find.apply(body);
            count += page.docs().size();
            if (page.docs().size() < COUNT_PAGE) {
                return count;
            }
            bookmark = page.bookmark();
        }
    }

    /**
     * The index whose key range is exactly what {@code selector} selects, so that counting its
     * range counts the query, or null: a selector made only of equalities on every field of an
     * index without a partial filter, or on the leading fields of the index the caller names (a
     * json index holds only the documents that have all its fields).
     */
    public static @Nullable IndexDef exactIndex(
            List<IndexDef> indexes, ObjectNode selector, @Nullable String useIndex) {
        Set<String> fields = new HashSet<>();
        for (var e : selector.properties()) {
            JsonNode v = e.getValue();
            if (e.getKey().startsWith("$") || !v.isValueNode() || v.isNull()) {
                return null;
            }
            fields.add(e.getKey());
        }
        for (IndexDef def : indexes) {
            List<String> indexFields = def.fields();
            if (def.partialFilter() == null
                    && !fields.isEmpty()
                    && indexFields.size() >= fields.size()
                    && Set.copyOf(indexFields.subList(0, fields.size())).equals(fields)
                    && (useIndex == null ? indexFields.size() == fields.size() : useIndex.equals(def.ddoc()))) {
                return def;
            }
        }
        return null;
    }

    /** The chosen json index, or null for the primary index. */
    public @Nullable IndexDef index() {
        return plan.index();
    }

    public boolean descending() {
        return plan.descending();
    }

    /** The first key to read (inclusive) of the chosen index, the bookmark applied. */
    public byte[] from() {
        byte[] bookmark = r.bookmark();
        return bookmark != null && !plan.descending()
                ? max(plan.from(), IndexKeys.concat(bookmark, new byte[] {0}))
                : plan.from();
    }

    /** The end of the range of the chosen index (exclusive), the bookmark applied. */
    public byte[] to() {
        byte[] bookmark = r.bookmark();
        return bookmark != null && plan.descending() ? min(plan.to(), bookmark) : plan.to();
    }

    /** On the primary index: the id the scan starts after (exclusive), or null from the end. */
    public @Nullable String after() {
        byte[] bookmark = r.bookmark();
        return bookmark == null ? null : new String(bookmark, StandardCharsets.UTF_8);
    }

    /** The number of matching documents still wanted (skipped ones included). */
    public int wanted() {
        return Math.max(0, r.skip() - skipped) + r.limit() - found();
    }

    public boolean full() {
        return found() >= r.limit();
    }

    /** Counts a key read from an index (design documents of the primary index included). */
    public void examined() {
        keysExamined++;
    }

    /**
     * Checks one candidate and keeps it when it matches. Collecting text, the selector is
     * checked against the document reduced to the fields it and the projection read, and a
     * whole document is copied from its stored body: no tree of the document is built.
     *
     * @param w the document's winning revision, or null when it is gone
     */
    public void consider(String id, byte[] key, DocCodec.@Nullable Winner w, Records records) {
        docsExamined++;
        if (w == null || w.deleted()) {
            return;
        }
        ObjectNode doc = readFields == null
                ? Bodies.document(id, w.rev(), w.body())
                : Bodies.fields(id, w.rev(), w.body(), readFields);
        if (!r.selector().matches(doc)) {
            return;
        }
        if (skipped < r.skip()) {
            skipped++;
            return;
        }
        if (r.conflicts()) {
            DocRecord record = records.record(id);
            if (record != null && !record.conflicts().isEmpty()) {
                var list = doc.putArray("_conflicts");
                record.conflicts().forEach(list::add);
            }
        }
        if (!asText) {
            docs.add(r.fields().isAll() ? doc : r.fields().apply(doc));
        } else if (r.fields().isAll() && readFields != null) {
            texts.add(Documents.toBytes(new Revision(id, w.rev(), false, w.body(), null, null), null));
        } else {
            texts.add(Json.bytes(r.fields().isAll() ? doc : r.fields().apply(doc)));
        }
        lastKey = key;
    }

    public FindResult result() {
        return new FindResult(docs, bookmark(), plan.warning(), stats());
    }

    public JsonFindResult jsonResult() {
        return new JsonFindResult(texts, bookmark(), plan.warning(), stats());
    }

    private int found() {
        return asText ? texts.size() : docs.size();
    }

    private String bookmark() {
        return lastKey == null ? "nil" : Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey);
    }

    private @Nullable ObjectNode stats() {
        if (!r.stats()) {
            return null;
        }
        ObjectNode stats = Json.mapper().createObjectNode();
        stats.put("total_keys_examined", keysExamined);
        stats.put("total_docs_examined", docsExamined);
        stats.put("total_quorum_docs_examined", 0);
        stats.put("results_returned", found());
        stats.put("execution_time_ms", (System.nanoTime() - start) / 1e6);
        return stats;
    }

    private static Request parse(ObjectNode body) {
        JsonNode selector = body.get("selector");
        if (selector == null || !selector.isObject()) {
            throw bad("Missing required key: selector");
        }
        try {
            return new Request(
                    Selector.parse(selector),
                    count(body, "limit", DEFAULT_LIMIT),
                    count(body, "skip", 0),
                    body.has("sort") ? Sort.parse(body.get("sort")) : Sort.none(),
                    body.has("fields") ? Projection.parse(body.get("fields")) : Projection.all(),
                    QueryPlan.useIndex(body.get("use_index")),
                    bookmark(body.get("bookmark")),
                    body.path("execution_stats").asBoolean(false),
                    body.path("conflicts").asBoolean(false));
        } catch (MangoException e) {
            throw new CouchException(400, e.error(), e.reason());
        }
    }

    private static int count(ObjectNode body, String field, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw bad("Invalid value for " + field + ": " + v);
        }
        return v.intValue();
    }

    /**
     * Decodes a bookmark: none ({@code null}, {@code ""}, {@code "nil"}) or the base64url text
     * of the last key returned. Anything else is CouchDB's {@code invalid_bookmark}, with the
     * value as JSON so that no control character or stray surrogate reaches the answer raw.
     */
    private static byte @Nullable [] bookmark(@Nullable JsonNode node) {
        if (node == null
                || node.isNull()
                || (node.isTextual()
                        && (node.textValue().isEmpty() || node.textValue().equals("nil")))) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return Base64.getUrlDecoder().decode(node.textValue());
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw new CouchException(400, "invalid_bookmark", "Invalid bookmark value: " + shown(node));
    }

    /** A value as JSON text, cut to a readable length. */
    private static String shown(JsonNode node) {
        String json = Json.string(node);
        return json.length() <= 200 ? json : json.substring(0, 200) + "...";
    }

    private static CouchException bad(String reason) {
        return new CouchException(400, "bad_request", reason);
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
