package dev.hearth.client.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Verb;
import dev.hearth.client.ClientException;
import dev.hearth.client.Link;
import dev.hearth.client.Operation;
import dev.hearth.client.Plan;
import dev.hearth.client.Q;
import dev.hearth.client.Result;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.error.HearthException;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The link for Java code running inside Hearth: operations run on one instance's databases in
 * process, under a permission set, with the checks and answers of the {@code /data} routes
 * (reserved doctypes, whole-doctype rights for queries, a missing index created then used) and
 * without HTTP. Writes publish realtime events as any write does.
 */
public final class LocalLink implements Link {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataService data;
    private final String domain;
    private final PermissionSet permissions;

    public LocalLink(DataService data, String domain, PermissionSet permissions) {
        this.data = data;
        this.domain = domain;
        this.permissions = permissions;
    }

    @Override
    public Result request(Operation operation, Chain next) {
        try {
            return switch (operation) {
                case Operation.Query query -> query(Plan.of(query.definition()));
                case Operation.Save save -> Result.of(List.of(save(save.doctype(), save.doc())));
                case Operation.Destroy d -> Result.of(List.of(destroy(d.doctype(), d.doc())));
            };
        } catch (CouchException e) {
            throw ClientException.of(e.status(), e.error(), e.reason());
        } catch (HearthException e) {
            throw ClientException.of(e.status(), "forbidden", e.getMessage());
        }
    }

    private void check(boolean allowed, Verb verb, String doctype) {
        if (!allowed) {
            throw new ClientException.ForbiddenException(403, "forbidden", verb + " on " + doctype + " is not allowed");
        }
    }

    private Result query(Plan plan) {
        Q q = plan.query();
        Doctypes.checkReadable(q.doctype());
        Database db = data.database(domain, q.doctype());
        if (plan.kind() == Plan.Kind.BY_ID) {
            check(permissions.allowsId(Verb.GET, q.doctype(), q.id()), Verb.GET, q.doctype());
            return Result.of(List.of(read(db, q.id())));
        }
        check(permissions.allowsWholeType(Verb.GET, q.doctype()), Verb.GET, q.doctype());
        if (!db.exists()) {
            return Result.of(List.of());
        }
        return switch (plan.kind()) {
            case BY_IDS -> Result.of(byIds(db, q.ids()));
            case ALL -> all(db, q);
            default -> find(db, plan);
        };
    }

    private static List<ObjectNode> byIds(Database db, List<String> ids) {
        List<ObjectNode> docs = new ArrayList<>();
        for (String id : ids) {
            try {
                docs.add(read(db, id));
            } catch (CouchException missing) {
                // left out, as _all_docs rows with an error are
            }
        }
        return docs;
    }

    static ObjectNode read(Database db, String id) {
        Revision r = db.get(id, null, false);
        try {
            ObjectNode doc = JSON.createObjectNode().put("_id", r.id()).put("_rev", r.rev());
            doc.setAll((ObjectNode) JSON.readTree(r.body()));
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result all(Database db, Q q) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("selector").putObject("_id").putNull("$gt");
        int limit = q.limit() == null ? 100 : q.limit();
        request.put("limit", limit).put("skip", q.skip());
        if (q.bookmark() != null) {
            request.put("bookmark", q.bookmark());
        }
        FindResult r = db.find(request);
        return new Result(r.docs(), r.docs().size() >= limit, r.bookmark(), db.normalDocCount());
    }

    private static Result find(Database db, Plan plan) {
        if (plan.matchesNothing()) {
            return Result.of(List.of());
        }
        ObjectNode request = plan.findRequest();
        FindResult r = null;
        try {
            r = db.find(request.deepCopy());
        } catch (CouchException e) {
            if (!e.error().equals("no_usable_index")) {
                throw e;
            }
        }
        if (r == null || r.warning() != null) {
            db.createIndex(plan.indexRequest());
            r = db.find(request.deepCopy());
            if (r.warning() != null) {
                throw new ClientException.NoIndexException(400, "no_index", r.warning());
            }
        }
        int limit = request.path("limit").asInt();
        return new Result(r.docs(), r.docs().size() >= limit, r.bookmark(), null);
    }

    private ObjectNode save(String doctype, ObjectNode doc) {
        Doctypes.checkWritable(doctype);
        boolean update = doc.hasNonNull("_rev");
        Verb verb = update ? Verb.PUT : Verb.POST;
        String id = doc.path("_id").asText("");
        check(
                permissions.allowsWholeType(verb, doctype)
                        || (!id.isEmpty() && permissions.allowsId(verb, doctype, id)),
                verb,
                doctype);
        ObjectNode copy = doc.deepCopy();
        copy.remove("_type");
        Database db = data.database(domain, doctype);
        return read(db, written(db.save(copy)).id());
    }

    private ObjectNode destroy(String doctype, JsonNode doc) {
        Doctypes.checkWritable(doctype);
        String id = doc.path("_id").asText();
        check(permissions.allowsId(Verb.DELETE, doctype, id), Verb.DELETE, doctype);
        ObjectNode tomb = JSON.createObjectNode()
                .put("_id", id)
                .put("_rev", doc.path("_rev").asText());
        tomb.put("_deleted", true);
        WriteResult r = written(data.database(domain, doctype).save(tomb.deepCopy()));
        return tomb.put("_rev", r.rev());
    }

    private static WriteResult written(WriteResult r) {
        if (!r.isOk()) {
            throw ClientException.of(409, String.valueOf(r.error()), String.valueOf(r.reason()));
        }
        return r;
    }
}
