package dev.hearth.datasystem.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The single-document routes of {@code /data/:doctype}: read, create, update, delete. */
final class DocumentRoutes {
    private final DataService data;

    DocumentRoutes(DataService data) {
        this.data = data;
    }

    Database db(Call call) {
        return data.database(call.context().domain(), call.param("doctype"));
    }

    void get(Call call) throws IOException {
        String doctype = call.param("doctype");
        String id = call.param("id");
        Doctypes.checkReadable(doctype);
        boolean whole = DataAccess.allowsWholeType(call, Verb.GET, doctype);
        Database db = db(call);
        String openRevs = call.query("open_revs");
        if (openRevs != null) {
            if (!whole) {
                throw StatusException.forbidden(RequestContext.FORBIDDEN);
            }
            List<String> revs = openRevs.equals("all") ? null : revList(openRevs);
            boolean latest = call.flag("latest");
            boolean revisions = call.flag("revs");
            call.streamJson(200, out -> db.writeOpenRevs(id, revs, latest, revisions, out));
            return;
        }
        boolean revisions = call.flag("revs");
        boolean conflicts = call.flag("conflicts");
        Revision r;
        try {
            r = db.get(id, call.query("rev"), revisions || conflicts);
        } catch (CouchException e) {
            if (!whole) {
                DataAccess.document(call, Verb.GET, doctype, idOnly(id));
            }
            throw e;
        }
        if (!whole) {
            DataAccess.document(call, Verb.GET, doctype, Documents.json(r));
        }
        if (revisions || conflicts) {
            call.streamJson(200, out -> Documents.write(out, r, revisions, conflicts, doctype));
        } else {
            call.jsonBytes(200, Documents.toBytes(r, doctype));
        }
    }

    void create(Call call) throws IOException {
        String doctype = call.param("doctype");
        Doctypes.checkWritable(doctype);
        ObjectNode doc = body(call);
        doc.remove("_rev");
        DataAccess.document(call, Verb.POST, doctype, doc);
        WriteResult saved = db(call).save(doc);
        call.json(201, envelope(doctype, doc, saved));
    }

    void put(Call call) throws IOException {
        String doctype = call.param("doctype");
        String id = call.param("id");
        Doctypes.checkWritable(doctype);
        ObjectNode doc = body(call);
        boolean hasId = doc.hasNonNull("_id");
        if (hasId != doc.hasNonNull("_rev")) {
            throw ApiException.badRequest("You must either provide an _id and _rev in document (update) or neither "
                    + "(create with fixed id).");
        }
        if (hasId && !id.equals(doc.get("_id").asText())) {
            throw ApiException.badRequest("document _id doesnt match url");
        }
        doc.put("_id", id);
        Database db = db(call);
        if (!hasId) {
            DataAccess.document(call, Verb.POST, doctype, doc);
        } else if (!DataAccess.allowsWholeType(call, Verb.PUT, doctype)) {
            DataAccess.document(call, Verb.PUT, doctype, Documents.json(db.get(id, null, false)));
            DataAccess.document(call, Verb.PUT, doctype, doc);
        }
        call.json(200, envelope(doctype, doc, db.save(doc)));
    }

    void delete(Call call) throws IOException {
        String doctype = call.param("doctype");
        String id = call.param("id");
        String header = call.header("If-Match");
        String query = call.query("rev");
        if (header != null && !header.isEmpty() && query != null && !query.isEmpty() && !query.equals(header)) {
            throw ApiException.badRequest("If-Match Header and rev query parameters mismatch");
        }
        String rev = header != null && !header.isEmpty() ? header : query;
        if (rev == null || rev.isEmpty()) {
            throw ApiException.badRequest("delete without revision");
        }
        Doctypes.checkWritable(doctype);
        Database db = db(call);
        ObjectNode current = Documents.json(db.get(id, null, false));
        current.put("_rev", rev);
        DataAccess.document(call, Verb.DELETE, doctype, current);
        ObjectNode tombstone = Json.mapper().createObjectNode();
        tombstone.put("_id", id);
        tombstone.put("_rev", rev);
        tombstone.put("_deleted", true);
        WriteResult deleted = db.save(tombstone);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        out.put("id", deleted.id());
        out.put("rev", deleted.rev());
        out.put("type", doctype);
        out.put("deleted", true);
        call.json(200, out);
    }

    /** The answer of a write: {@code {ok, id, rev, type, data: document with _type}}. */
    private static Map<String, Object> envelope(String doctype, ObjectNode doc, WriteResult saved) {
        ObjectNode stored = doc.deepCopy();
        stored.put("_id", saved.id());
        stored.put("_rev", saved.rev());
        stored.put("_type", doctype);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        out.put("id", saved.id());
        out.put("rev", saved.rev());
        out.put("type", doctype);
        out.put("data", stored);
        return out;
    }

    static ObjectNode body(Call call) throws IOException {
        return DataBodies.object(call, DataBodies.MAX_DOC, "Document must be a JSON object");
    }

    private static ObjectNode idOnly(String id) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        return doc;
    }

    private static List<String> revList(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            if (!node.isArray()) {
                throw new CouchException(400, "bad_request", "open_revs must be a JSON array or all");
            }
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new CouchException(400, "bad_request", "open_revs must be a JSON array or all");
        }
    }
}
