package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.IndexRequest;
import dev.hearth.datasystem.engine.QueryPlan;
import dev.hearth.mango.Collation;
import dev.hearth.mango.FieldPath;
import dev.hearth.mango.MangoException;
import dev.hearth.mango.Selector;
import dev.hearth.mango.Sort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Mango on PostgreSQL: the live documents of the database are read in one snapshot (so a query
 * sees every write committed before it) and matched, sorted and paged with dev.hearth.mango, as
 * the embedded engine matches. The index is chosen as the embedded engine chooses it (same
 * warnings, refusals and results), but the scan is not narrowed by it yet.
 */
final class PgFind {
    private PgFind() {}

    static FindResult find(PgDatabase db, ObjectNode request) {
        Selector selector = selector(request.get("selector"));
        Sort sort = request.hasNonNull("sort") ? sort(request.get("sort")) : Sort.none();
        int limit = request.path("limit").asInt(25);
        int skip = request.path("skip").asInt(0) + bookmark(request.get("bookmark"));
        List<String> useIndex = QueryPlan.useIndex(request.get("use_index"));
        // The same choice of index as the embedded engine: its warnings and refusals
        // (no_usable_index for a sort no index follows), and the documents an index holds.
        QueryPlan plan = QueryPlan.choose(indexes(db), selector.andedConditions(), sort, useIndex);
        List<ObjectNode> matched = matching(db, selector);
        IndexDef index = plan.index();
        if (index != null) {
            matched.removeIf(doc -> !inIndex(index, doc));
            if (sort.isEmpty()) {
                matched.sort(Comparator.comparing(d -> key(d, index.paths()), PgFind::compareKeys));
            }
        }
        if (!sort.isEmpty()) {
            Comparator<ObjectNode> order = Comparator.comparing(d -> key(d, sort.paths()), PgFind::compareKeys);
            matched.sort(sort.direction() == Sort.Direction.DESC ? order.reversed() : order);
        }
        int from = Math.min(skip, matched.size());
        int to = (int) Math.min((long) from + limit, matched.size());
        List<ObjectNode> page = new ArrayList<>(matched.subList(from, to));
        if (request.path("fields").isArray() && !request.path("fields").isEmpty()) {
            page.replaceAll(doc -> project(doc, request.get("fields")));
        }
        String next = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII));
        return new FindResult(page, next, plan.warning(), null);
    }

    /** Whether a json index holds the document: it has every field, and matches the partial filter. */
    private static boolean inIndex(IndexDef index, ObjectNode doc) {
        for (FieldPath path : index.paths()) {
            if (!path.existsIn(doc)) {
                return false;
            }
        }
        return index.partialFilter() == null || index.partialFilter().matches(doc);
    }

    /** The json indexes of the database, from the index table that design document writes keep. */
    static List<IndexDef> indexes(PgDatabase db) {
        return Sql.read(db.server(), c -> {
            List<IndexDef> out = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(
                            c,
                            "SELECT ddoc, name, definition FROM mango_indexes WHERE instance = ? AND doctype = ?"
                                    + " ORDER BY ddoc, name",
                            db.instance(),
                            db.doctype());
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ObjectNode ddoc = Json.mapper().createObjectNode().put("language", "query");
                    ddoc.putObject("views").set(r.getString(2), Json.mapper().readTree(r.getString(3)));
                    out.addAll(IndexDef.fromDesignDoc(r.getString(1), ddoc));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }

    static long count(PgDatabase db, ObjectNode selector) {
        return matching(db, selector(selector)).size();
    }

    private static Selector selector(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new CouchException(400, "bad_request", "selector must be a JSON object");
        }
        try {
            return Selector.parse(node);
        } catch (MangoException e) {
            throw new CouchException(400, "bad_request", e.getMessage());
        }
    }

    private static Sort sort(JsonNode node) {
        try {
            return Sort.parse(node);
        } catch (MangoException e) {
            throw new CouchException(400, "bad_request", e.getMessage());
        }
    }

    /** The number of results before the page a bookmark names (0 for none). */
    private static int bookmark(JsonNode node) {
        if (node == null
                || node.isNull()
                || node.asText().isEmpty()
                || node.asText().equals("nil")) {
            return 0;
        }
        try {
            return Integer.parseInt(
                    new String(Base64.getUrlDecoder().decode(node.asText()), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new CouchException(400, "invalid_bookmark", "Invalid bookmark value: " + node);
        }
    }

    private static List<ObjectNode> matching(PgDatabase db, Selector selector) {
        return Sql.transaction(db.server(), c -> {
            db.existing(c);
            List<ObjectNode> out = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(
                    c,
                    "SELECT id, tree FROM docs WHERE instance = ? AND doctype = ? AND NOT deleted"
                            + " AND id NOT LIKE '\\_design/%' ORDER BY id",
                    db.instance(),
                    db.doctype())) {
                s.setFetchSize(500);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        DocRecord record = DocCodec.decode(r.getString(1), r.getBytes(2));
                        ObjectNode doc = PgReads.document(record, false);
                        if (selector.matches(doc)) {
                            out.add(doc);
                        }
                    }
                }
            }
            return out;
        });
    }

    private static List<JsonNode> key(ObjectNode doc, List<FieldPath> paths) {
        List<JsonNode> key = new ArrayList<>();
        for (FieldPath path : paths) {
            key.add(path.get(doc).orElse(Json.mapper().missingNode()));
        }
        return key;
    }

    private static int compareKeys(List<JsonNode> a, List<JsonNode> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Collation.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static ObjectNode project(ObjectNode doc, JsonNode fields) {
        ObjectNode out = Json.mapper().createObjectNode();
        for (JsonNode field : fields) {
            FieldPath path = FieldPath.parse(field.asText());
            path.get(doc).ifPresent(value -> out.set(field.asText(), value));
        }
        return out;
    }

    /** Mango {@code _index}: the design document of the index (the index table follows it). */
    static ObjectNode createIndex(PgDatabase db, ObjectNode definition) {
        IndexRequest request = IndexRequest.parse(definition);
        Change made = indexes(db).contains(request.definition())
                ? null
                : db.write(w -> {
                    DocRecord existing = w.load(request.designId());
                    ObjectNode body = request.designBody(existing);
                    body.put("_id", request.designId());
                    String rev = IndexRequest.designRev(existing);
                    if (rev != null) {
                        body.put("_rev", rev);
                    }
                    return w.edit(DocInput.read(body, false, db.maxDocumentBytes()));
                });
        if (made != null) {
            db.published(made);
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("result", made != null ? "created" : "exists");
        answer.put("id", request.designId());
        answer.put("name", request.name());
        return answer;
    }
}
