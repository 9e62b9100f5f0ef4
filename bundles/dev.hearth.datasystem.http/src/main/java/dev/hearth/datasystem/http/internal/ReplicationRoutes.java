package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.web.Call;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The routes the CouchDB replication protocol uses ({@code _changes}, {@code _bulk_get},
 * {@code _revs_diff}, {@code _local}) and the design-document routes. All need a rule on the
 * whole doctype, as in Cozy.
 */
final class ReplicationRoutes {
    private static final Set<String> CHANGES_PARAMS = Set.of(
            "feed",
            "style",
            "since",
            "limit",
            "timeout",
            "include_docs",
            "heartbeat",
            "_nonce",
            "seq_interval",
            "descending",
            "conflicts");

    private final DataService data;

    ReplicationRoutes(DataService data) {
        this.data = data;
    }

    private Database db(Call call) {
        String doctype = call.param("doctype");
        Doctypes.checkReadable(doctype);
        call.context().requireWholeType(Verb.GET, doctype);
        return data.database(call.context().domain(), doctype);
    }

    void changes(Call call) throws IOException {
        boolean post = "POST".equals(call.request().getMethod());
        for (String name : call.request().getParameterMap().keySet()) {
            if (!CHANGES_PARAMS.contains(name) && !(post && name.equals("filter"))) {
                throw ApiException.badRequest("Unsupported query parameter '" + name + "'");
            }
        }
        String feed = call.query("feed");
        if (feed != null && !feed.isEmpty() && !feed.equals("normal")) {
            throw ApiException.badRequest("Unsupported feed value '" + feed + "'");
        }
        String style = call.query("style");
        if (style != null && !style.isEmpty() && !style.equals("main_only") && !style.equals("all_docs")) {
            throw ApiException.badRequest("Unsupported style value '" + style + "'");
        }
        String filter = post ? call.query("filter") : null;
        ObjectNode body =
                post && call.hasBody() ? DataBodies.bulk(call) : Json.mapper().createObjectNode();
        Set<String> docIds = null;
        JsonNode selector = null;
        if (filter != null && !filter.isEmpty()) {
            switch (filter) {
                case "_doc_ids" -> docIds = ids(body.get("doc_ids"));
                case "_selector" -> selector = selectorOf(body.get("selector"));
                case "_design" -> {}
                default -> throw ApiException.badRequest("Unsupported filter value '" + filter + "'");
            }
        }
        Database db = db(call);
        ChangesQuery q = new ChangesQuery(
                call.query("since"),
                call.flag("descending"),
                Math.max(0, call.number("limit", 0)),
                "all_docs".equals(style),
                call.flag("include_docs"),
                call.flag("conflicts"),
                docIds,
                selector,
                "_design".equals(filter));
        call.streamJson(200, out -> db.changes(q, out));
    }

    private static Set<String> ids(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new CouchException(400, "bad_request", "`doc_ids` filter parameter is not a list of doc ids.");
        }
        Set<String> out = new HashSet<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode selectorOf(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new CouchException(400, "bad_request", "Selector must be specified in POST payload");
        }
        return node;
    }

    void bulkGet(Call call) throws IOException {
        ObjectNode body = DataBodies.bulk(call);
        Database db = db(call);
        boolean revs = call.flag("revs");
        call.streamJson(200, out -> db.bulkGet(body, revs, out));
    }

    void revsDiff(Call call) throws IOException {
        ObjectNode body = DataBodies.bulk(call);
        Database db = db(call);
        call.streamJson(200, out -> db.revsDiff(body, out));
    }

    void getLocal(Call call) throws IOException {
        call.json(200, db(call).getLocal(call.param("id")));
    }

    void putLocal(Call call) throws IOException {
        ObjectNode doc = DataBodies.object(call, DataBodies.MAX_DOC, "Request body must be a JSON object");
        Doctypes.checkWritable(call.param("doctype"));
        WriteResult saved = db(call).putLocal(call.param("id"), doc);
        call.json(201, Map.of("ok", true, "id", saved.id(), "rev", saved.rev()));
    }

    void deleteLocal(Call call) throws IOException {
        Doctypes.checkWritable(call.param("doctype"));
        WriteResult deleted = db(call).deleteLocal(call.param("id"), call.query("rev"));
        call.json(200, Map.of("ok", true, "id", deleted.id(), "rev", deleted.rev()));
    }

    void getDesign(Call call) throws IOException {
        Database db = db(call);
        Revision r = db.get("_design/" + call.param("ddoc"), call.query("rev"), false);
        call.streamJson(200, out -> Documents.write(out, r, false, false, null));
    }

    void deleteDesign(Call call) throws IOException {
        Database db = db(call);
        String rev = call.query("rev");
        if (rev == null || rev.isEmpty()) {
            throw new StatusException(400, "You must pass a rev param");
        }
        ObjectNode tombstone = Json.mapper().createObjectNode();
        tombstone.put("_id", "_design/" + call.param("ddoc"));
        tombstone.put("_rev", rev);
        tombstone.put("_deleted", true);
        WriteResult deleted = db.save(tombstone);
        call.json(200, Map.of("ok", true, "id", deleted.id(), "rev", deleted.rev()));
    }

    void copyDesign(Call call) throws IOException {
        String destination = call.header("Destination");
        if (destination == null || destination.isEmpty()) {
            throw new StatusException(400, "You must set a Destination header");
        }
        Database db = db(call);
        call.json(201, db.copyDesignDoc("_design/" + call.param("ddoc"), call.query("rev"), destination));
    }
}
