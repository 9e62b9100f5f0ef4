package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database-wide routes of {@code /data/:doctype}: database, {@code _all_docs},
 * {@code _normal_docs}, Mango, design documents, bulk writes. They need a rule on the whole
 * doctype.
 */
final class CollectionRoutes {
    /** Largest page of a Mango query or of {@code _normal_docs}, as in Cozy. */
    static final int MAX_PAGE = 1000;
    /** Largest body of a purge (100 documents, 1,000 revisions). */
    private static final int MAX_PURGE_BODY = 1024 * 1024;

    private final DataService data;

    CollectionRoutes(DataService data) {
        this.data = data;
    }

    private Database readable(Call call, Verb verb) {
        String doctype = call.param("doctype");
        Doctypes.checkReadable(doctype);
        call.context().requireWholeType(verb, doctype);
        return data.database(call.context().domain(), doctype);
    }

    private Database writable(Call call, Verb verb) {
        String doctype = call.param("doctype");
        Doctypes.checkWritable(doctype);
        call.context().requireWholeType(verb, doctype);
        return data.database(call.context().domain(), doctype);
    }

    void info(Call call) throws IOException {
        Database db = readable(call, Verb.GET);
        call.streamJson(200, db::writeInfo);
    }

    void create(Call call) throws IOException {
        Database db = writable(call, Verb.POST);
        if (!db.create()) {
            throw new CouchException(412, "file_exists", "The database could not be created, the file already exists.");
        }
        call.json(201, Map.of("ok", true));
    }

    void drop(Call call) throws IOException {
        Database db = writable(call, Verb.DELETE);
        db.drop();
        call.json(200, Map.of("ok", true, "deleted", true));
    }

    /**
     * CouchDB's {@code _purge}, for the operator only: a cli token (minted through the admin API)
     * with a rule on the whole doctype. The Cozy stack exposes no purge, and one by an app or a
     * client could not be undone nor replicated: a replica that had the purged revisions would
     * bring them back; so every other audience gets 403.
     */
    void purge(Call call) throws IOException {
        String doctype = call.param("doctype");
        Doctypes.checkWritable(doctype);
        AuthContext caller = call.context().requireWholeType(Verb.DELETE, doctype);
        if (caller.audience() != Audience.CLI) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
        ObjectNode body = DataBodies.object(call, MAX_PURGE_BODY, "Request body must be a JSON object");
        call.json(201, data.database(call.context().domain(), doctype).purge(body));
    }

    void allDocs(Call call) throws IOException {
        Database db = readable(call, Verb.GET);
        List<String> keys = null;
        if ("POST".equals(call.request().getMethod())) {
            keys = stringList(DataBodies.bulk(call).get("keys"), "keys");
        } else if (call.query("keys") != null) {
            keys = stringList(parse(call.query("keys")), "keys");
        }
        AllDocsQuery q = new AllDocsQuery(
                keys,
                orDocId(key(call, "startkey", "start_key"), call.query("startkey_docid")),
                orDocId(key(call, "endkey", "end_key"), call.query("endkey_docid")),
                !"false".equals(call.query("inclusive_end")),
                call.flag("descending"),
                call.number("limit", -1),
                call.number("skip", 0),
                call.flag("include_docs"),
                call.flag("conflicts"),
                !"false".equals(call.query("DesignDocs")));
        if (call.query("key") != null) {
            q = new AllDocsQuery(
                    List.of(key(call, "key", "key")),
                    null,
                    null,
                    true,
                    false,
                    -1,
                    0,
                    q.includeDocs(),
                    q.conflicts(),
                    true);
        }
        AllDocsQuery query = q;
        call.streamJson(200, out -> db.allDocs(query, out));
    }

    void normalDocs(Call call) throws IOException {
        Database db = readable(call, Verb.GET);
        long limit = call.number("limit", 100);
        ObjectNode request = Json.mapper().createObjectNode();
        request.putObject("selector").putObject("_id").put("$gt", (String) null);
        request.put("limit", limit < 0 || limit > MAX_PAGE ? 100 : limit);
        request.put("skip", Math.max(0, call.number("skip", 0)));
        if (call.query("bookmark") != null) {
            request.put("bookmark", call.query("bookmark"));
        }
        request.put("execution_stats", call.flag("execution_stats"));
        FindResult result = db.find(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", result.docs());
        out.put("total_rows", db.normalDocCount());
        out.put("bookmark", "nil".equals(result.bookmark()) ? "" : result.bookmark());
        if (result.executionStats() != null) {
            out.put("execution_stats", result.executionStats());
        }
        call.json(200, out);
    }

    /** The documents are copied into the answer as the engine gives them, as JSON text. */
    void find(Call call) throws IOException {
        ObjectNode request = DataBodies.object(call, DataBodies.MAX_DOC, "Request body must be a JSON object");
        Database db = readable(call, Verb.GET);
        JsonNode limitNode = request.get("limit");
        long limit =
                limitNode != null && limitNode.isNumber() && limitNode.asLong() <= MAX_PAGE ? limitNode.asLong() : 100;
        request.put("limit", limit);
        JsonFindResult result = db.findJson(request);
        if (result.warning() != null && result.warning().contains("matching index found")) {
            throw new CouchException(400, "no_index", "no matching index found, create an index");
        }
        String bookmark = "nil".equals(result.bookmark()) ? "" : result.bookmark();
        byte[] rest;
        if (result.executionStats() == null && result.warning() == null) {
            rest = DataBodies.findTail(limit, result.docs().size() >= limit, bookmark);
        } else {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("limit", limit);
            members.put("next", result.docs().size() >= limit);
            members.put("bookmark", bookmark);
            if (result.executionStats() != null) {
                members.put("execution_stats", result.executionStats());
            }
            if (result.warning() != null) {
                members.put("warning", result.warning());
            }
            rest = Json.bytes(members);
        }
        call.jsonBytes(200, DataBodies.withDocs(result.docs(), rest));
    }

    void index(Call call) throws IOException {
        ObjectNode request = DataBodies.object(call, DataBodies.MAX_DOC, "Request body must be a JSON object");
        Database db = readable(call, Verb.GET);
        call.json(200, db.createIndex(request));
    }

    void designDocs(Call call) throws IOException {
        Database db = readable(call, Verb.GET);
        boolean includeDocs = call.flag("include_docs");
        call.streamJson(200, out -> db.designDocs(includeDocs, out));
    }

    /** Streamed: each document is reduced to its stored form as the body is read. */
    void bulkDocs(Call call) throws IOException {
        Database db = writable(call, Verb.POST);
        List<WriteResult> results;
        try (JsonParser body = call.jsonParser(DataBodies.MAX_BULK)) {
            results = db.bulkDocs(body);
        }
        List<Map<String, Object>> out = new ArrayList<>(results.size());
        for (WriteResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            if (r.isOk()) {
                row.put("ok", true);
                row.put("rev", r.rev());
            } else {
                row.put("error", r.error());
                row.put("reason", r.reason());
            }
            out.add(row);
        }
        call.json(201, out);
    }

    void ensureFullCommit(Call call) throws IOException {
        readable(call, Verb.GET);
        call.json(201, Map.of("ok", true, "instance_start_time", "0"));
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
    }

    private static List<String> stringList(JsonNode node, String name) {
        if (node == null || !node.isArray()) {
            throw new CouchException(400, "bad_request", "`" + name + "` member must be an array.");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A JSON-encoded key parameter (as CouchDB takes them), under either of its names. */
    private static String key(Call call, String name, String alias) {
        String raw = call.query(name) != null ? call.query(name) : call.query(alias);
        if (raw == null) {
            return null;
        }
        JsonNode node = parse(raw);
        if (!node.isTextual()) {
            throw new CouchException(400, "bad_request", "Invalid " + name + ": document ids are strings");
        }
        return node.asText();
    }

    /** On {@code _all_docs} the key is the id, so {@code startkey_docid} serves when there is no key. */
    private static String orDocId(String key, String docId) {
        return key != null ? key : docId == null || docId.isEmpty() ? null : docId;
    }
}
