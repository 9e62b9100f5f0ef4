package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.QueryPlan;
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
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Mango query: picks the index ({@link QueryPlan}), scans its key range (or the primary
 * index), checks each candidate against the whole selector, and pages with a bookmark that
 * encodes the last key returned.
 */
final class Find {
    private static final int DEFAULT_LIMIT = 25;
    /** The most candidates of an index scan whose documents are read in one walk. */
    private static final int BATCH = 64;

    private Find() {}

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

    static FindResult run(DoctypeStore ds, ObjectNode body) {
        Scan scan = scan(ds, body, false);
        return new FindResult(scan.docs, scan.bookmark(), scan.warning, scan.stats());
    }

    /** Like {@link #run}, each document as its JSON text: see {@link Scan#consider}. */
    static JsonFindResult runJson(DoctypeStore ds, ObjectNode body) {
        Scan scan = scan(ds, body, true);
        return new JsonFindResult(scan.texts, scan.bookmark(), scan.warning, scan.stats());
    }

    private static Scan scan(DoctypeStore ds, ObjectNode body, boolean texts) {
        long start = System.nanoTime();
        Request r = parse(body);
        QueryPlan plan = QueryPlan.choose(ds.indexes, r.selector().andedConditions(), r.sort(), r.useIndex());
        Scan scan = new Scan(ds, r, texts, start);
        scan.warning = plan.warning();
        if (plan.index() == null) {
            scan.primary(plan.descending());
        } else {
            scan.index(plan);
        }
        return scan;
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

    /** One scan: candidates are checked, skipped, projected and collected up to the limit. */
    private static final class Scan {
        private final DoctypeStore ds;
        private final Request r;
        private final long start;
        /** Whether the documents are collected as JSON text rather than as trees. */
        private final boolean asText;

        private final @Nullable Set<String> readFields;
        final List<ObjectNode> docs = new ArrayList<>();
        final List<byte[]> texts = new ArrayList<>();

        @Nullable
        String warning;

        byte @Nullable [] lastKey;
        long keysExamined;
        long docsExamined;
        private int skipped;

        Scan(DoctypeStore ds, Request r, boolean asText, long start) {
            this.ds = ds;
            this.r = r;
            this.asText = asText;
            this.start = start;
            this.readFields = asText && !r.conflicts() ? r.readFields() : null;
        }

        int found() {
            return asText ? texts.size() : docs.size();
        }

        String bookmark() {
            return lastKey == null
                    ? "nil"
                    : Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey);
        }

        @Nullable
        ObjectNode stats() {
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

        boolean full() {
            return found() >= r.limit();
        }

        void index(QueryPlan plan) {
            byte[] from = plan.from();
            byte[] to = plan.to();
            if (r.bookmark() != null && !plan.descending()) {
                from = max(from, IndexKeys.concat(r.bookmark(), new byte[] {0}));
            } else if (r.bookmark() != null) {
                to = min(to, r.bookmark());
            }
            var map = ds.indexMap(plan.index());
            byte[] last = plan.descending() ? map.lowerKey(to) : null;
            if (plan.descending() && last == null) {
                return;
            }
            // A cursor gives each key with its value: no second descent of the index per key.
            Cursor<byte[], String> keys = plan.descending() ? map.cursor(last, null, true) : map.cursor(from);
            List<byte[]> batchKeys = new ArrayList<>();
            List<String> batchIds = new ArrayList<>();
            boolean more = true;
            while (more && !full()) {
                more = false;
                int wanted = wanted();
                while (batchIds.size() < wanted && keys.hasNext()) {
                    byte[] key = keys.next();
                    if (key == null
                            || (plan.descending()
                                    ? Arrays.compareUnsigned(key, from) < 0
                                    : Arrays.compareUnsigned(key, to) >= 0)) {
                        break;
                    }
                    keysExamined++;
                    String id = keys.getValue();
                    if (id != null) {
                        batchKeys.add(key);
                        batchIds.add(id);
                    }
                    more = batchIds.size() == wanted;
                }
                considerAll(batchIds, batchKeys);
                batchIds.clear();
                batchKeys.clear();
            }
        }

        /**
         * How many candidates to read next: as many as the page still needs when they all match,
         * so that no document is read past the limit then, in batches bounded for memory.
         */
        private int wanted() {
            long needed = (long) r.limit() - found() + Math.max(0, r.skip() - skipped);
            return (int) Math.max(1, Math.min(needed, BATCH));
        }

        /** Reads a batch of candidates' documents in one walk of the map, then checks each. */
        private void considerAll(List<String> ids, List<byte[]> keys) {
            if (ids.isEmpty()) {
                return;
            }
            if (ids.size() == 1) {
                consider(ids.get(0), keys.get(0), ds.winner(ids.get(0)));
                return;
            }
            byte[][] data = SortedGets.values(ds.docs, ids);
            for (int i = 0; i < ids.size() && !full(); i++) {
                consider(ids.get(i), keys.get(i), data[i] == null ? null : DocCodec.winner(data[i]));
            }
        }

        void primary(boolean descending) {
            String after = r.bookmark() == null ? null : new String(r.bookmark(), StandardCharsets.UTF_8);
            String first = descending
                    ? (after == null ? ds.docs.lastKey() : ds.docs.lowerKey(after))
                    : (after == null ? ds.docs.firstKey() : ds.docs.higherKey(after));
            if (first == null) {
                return; // nothing (left) to scan: a null start would scan from the other end
            }
            Iterator<String> ids = descending ? ds.docs.keyIteratorReverse(first) : ds.docs.keyIterator(first);
            while (ids.hasNext() && !full()) {
                String id = ids.next();
                if (id == null) {
                    break;
                }
                keysExamined++;
                if (!id.startsWith(Indexes.DESIGN_PREFIX)) {
                    consider(id, id.getBytes(StandardCharsets.UTF_8), ds.winner(id));
                }
            }
        }

        /**
         * Checks one candidate and keeps it when it matches. Collecting text, the selector is
         * checked against the document reduced to the fields it and the projection read, and a
         * whole document is copied from its stored body: no tree of the document is built.
         */
        private void consider(String id, byte[] key, DocCodec.@Nullable Winner w) {
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
                DocRecord record = ds.record(id);
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

        private static byte[] max(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
        }

        private static byte[] min(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        }
    }
}
