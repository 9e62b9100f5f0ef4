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
import dev.hearth.datasystem.engine.Revs;
import dev.hearth.mango.Collation;
import dev.hearth.mango.FieldPath;
import dev.hearth.mango.MangoException;
import dev.hearth.mango.Selector;
import dev.hearth.mango.Sort;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Mango on PostgreSQL: the live documents of the database are read in one snapshot (so a query
 * sees every write committed before it) and matched, sorted and paged with dev.hearth.mango, as
 * the embedded engine matches. Indexes made by {@code _index} are kept (table and design
 * document) but not used to narrow the scan yet.
 */
final class PgFind {
    private PgFind() {}

    static FindResult find(PgDatabase db, ObjectNode request) {
        Selector selector = selector(request.get("selector"));
        Sort sort = request.hasNonNull("sort") ? sort(request.get("sort")) : Sort.none();
        int limit = request.path("limit").asInt(25);
        int skip = request.path("skip").asInt(0) + bookmark(request.get("bookmark"));
        List<ObjectNode> matched = matching(db, selector);
        if (!sort.isEmpty()) {
            Comparator<ObjectNode> order = Comparator.comparing(d -> key(d, sort), PgFind::compareKeys);
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
        return new FindResult(page, next, null, null);
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

    private static List<JsonNode> key(ObjectNode doc, Sort sort) {
        List<JsonNode> key = new ArrayList<>();
        for (FieldPath path : sort.paths()) {
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

    /** Mango {@code _index}: the definition in the index table, and its design document. */
    static ObjectNode createIndex(PgDatabase db, ObjectNode definition) {
        JsonNode fields = definition.path("index").path("fields");
        if (!fields.isArray() || fields.isEmpty()) {
            throw new CouchException(400, "bad_request", "Index fields must be a non-empty array");
        }
        String hash = Revs.hash("0", false, Json.bytes(definition.get("index")));
        String name = definition.path("name").asText("idx-" + hash);
        String ddoc = definition.path("ddoc").asText("_design/idx-" + hash);
        String ddocId = ddoc.startsWith("_design/") ? ddoc : "_design/" + ddoc;
        String text = Json.mapper()
                .createObjectNode()
                .set("index", definition.get("index"))
                .toString();
        Change made = db.write(w -> {
            int added = Sql.update(
                    w.connection(),
                    "INSERT INTO mango_indexes (instance, doctype, ddoc, name, definition) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (instance, doctype, ddoc, name) DO NOTHING",
                    db.instance(),
                    db.doctype(),
                    ddocId,
                    name,
                    text);
            if (added == 1) {
                DocRecord existing = w.load(ddocId);
                ObjectNode doc = designDoc(existing, name, definition.get("index"));
                doc.put("_id", ddocId);
                return w.edit(DocInput.read(doc, false, db.maxDocumentBytes()));
            }
            return null;
        });
        if (made != null) {
            db.published(made);
        }
        boolean created = made != null;
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("result", created ? "created" : "exists");
        answer.put("id", ddocId);
        answer.put("name", name);
        return answer;
    }

    private static ObjectNode designDoc(@Nullable DocRecord existing, String name, JsonNode index) {
        ObjectNode doc = existing == null || existing.winnerNode().deleted
                ? Json.mapper().createObjectNode()
                : PgReads.document(existing, false);
        doc.remove("_id");
        if (existing != null && existing.winnerNode().deleted) {
            doc.remove("_rev");
        }
        doc.put("language", "query");
        ObjectNode view = doc.withObject("/views").putObject(name);
        view.putObject("map").set("fields", index.get("fields"));
        view.put("reduce", "_count");
        view.putObject("options").set("def", index);
        return doc;
    }
}
