package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.web.Call;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET|POST /data/:doctype/_design/:ddoc/_view/:view}: CouchDB's map-reduce view queries.
 * Like the other database-wide reads, they need GET on the whole doctype. A POST body may carry
 * {@code keys} and any other parameter (as CouchDB accepts); the query string's parameters come
 * first.
 */
final class ViewRoutes {
    /** Parameters whose value is JSON. */
    private static final Set<String> JSON_PARAMS = Set.of("key", "keys", "startkey", "start_key", "endkey", "end_key");

    private final DataService data;

    ViewRoutes(DataService data) {
        this.data = data;
    }

    void view(Call call) throws IOException {
        ObjectNode body = "POST".equals(call.request().getMethod())
                ? DataBodies.object(call, DataBodies.MAX_BULK, "Request body must be a JSON object")
                : null;
        String doctype = call.param("doctype");
        Doctypes.checkReadable(doctype);
        call.context().requireWholeType(Verb.GET, doctype);
        Database db = data.database(call.context().domain(), doctype);
        JsonNode bodyKeys = body == null || call.query("keys") != null ? null : body.get("keys");
        ViewQuery query = ViewQueries.parse(name -> param(call, body, name), bodyKeys);
        String ddoc = call.param("ddoc");
        String view = call.param("view");
        call.streamJson(200, out -> db.view(ddoc, view, query, out));
    }

    /**
     * {@code PUT /data/:doctype/_design/:ddoc}: saves a design document as CouchDB does (the body
     * is the document; its {@code _rev} updates an existing one), answering 201 {@code
     * {"ok":true,"id","rev"}}. A design document changes what every reader of the doctype sees,
     * so this needs PUT on the whole writable doctype.
     */
    void putDesign(Call call) throws IOException {
        ObjectNode doc = DataBodies.object(call, DataBodies.MAX_DOC, "Document must be a JSON object");
        String doctype = call.param("doctype");
        Doctypes.checkWritable(doctype);
        call.context().requireWholeType(Verb.PUT, doctype);
        String id = "_design/" + call.param("ddoc");
        if (doc.hasNonNull("_id") && !id.equals(doc.get("_id").asText())) {
            throw new CouchException(400, "bad_request", "Document id must match the URL");
        }
        doc.put("_id", id);
        String rev = call.query("rev");
        if (rev != null && !doc.hasNonNull("_rev")) {
            doc.put("_rev", rev);
        }
        WriteResult saved = data.database(call.context().domain(), doctype).save(doc);
        call.json(201, Map.of("ok", true, "id", saved.id(), "rev", saved.rev()));
    }

    private static @Nullable String param(Call call, @Nullable ObjectNode body, String name) {
        String value = call.query(name);
        if (value != null || body == null || "keys".equals(name)) {
            return value;
        }
        JsonNode member = body.get(name);
        if (member == null) {
            return null;
        }
        return JSON_PARAMS.contains(name) || !member.isTextual() ? member.toString() : member.asText();
    }
}
