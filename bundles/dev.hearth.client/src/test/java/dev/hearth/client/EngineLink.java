package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link over the real document engine of the server, in process: the same requests StackLink
 * sends, answered as the {@code /data} routes answer them (a query without an index is refused
 * with {@code no_index}), without HTTP.
 */
final class EngineLink implements Link, AutoCloseable {
    static final String DOMAIN = "alice.localhost";

    private final TestData data;
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger indexes = new AtomicInteger();

    EngineLink(Path dir) {
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(DOMAIN));
    }

    Database db(String doctype) {
        return data.service().database(DOMAIN, doctype);
    }

    /** Writes documents directly, as another client would. */
    List<ObjectNode> put(String doctype, List<ObjectNode> docs) {
        List<ObjectNode> saved = new ArrayList<>();
        for (ObjectNode doc : docs) {
            ObjectNode copy = doc.deepCopy();
            WriteResult r = db(doctype).save(copy);
            copy.put("_id", r.id()).put("_rev", r.rev());
            saved.add(copy);
        }
        return saved;
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
        }
    }

    private Result query(Plan plan) {
        Q q = plan.query();
        Database db = db(q.doctype());
        return switch (plan.kind()) {
            case BY_ID -> Result.of(List.of(read(db, q.id())));
            case BY_IDS -> Result.of(byIds(db, q.ids()));
            case ALL -> all(db, q);
            case MANGO -> find(db, plan);
        };
    }

    private static List<ObjectNode> byIds(Database db, List<String> ids) {
        List<ObjectNode> docs = new ArrayList<>();
        for (String id : ids) {
            try {
                docs.add(read(db, id));
            } catch (CouchException e) {
                // a missing id is left out, as _all_docs rows with an error are
            }
        }
        return docs;
    }

    private static ObjectNode read(Database db, String id) {
        Revision r = db.get(id, null, false);
        try {
            ObjectNode doc = Json.object().put("_id", r.id()).put("_rev", r.rev());
            doc.setAll((ObjectNode) Json.MAPPER.readTree(r.body()));
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result all(Database db, Q q) {
        if (!db.exists()) {
            return Result.of(List.of());
        }
        ObjectNode request = Json.object();
        request.putObject("selector").putObject("_id").putNull("$gt");
        int limit = q.limit() == null ? 100 : q.limit();
        request.put("limit", limit).put("skip", q.skip());
        if (q.bookmark() != null) {
            request.put("bookmark", q.bookmark());
        }
        FindResult r = db.find(request);
        return new Result(r.docs(), r.docs().size() >= limit, r.bookmark(), db.normalDocCount());
    }

    private Result find(Database db, Plan plan) {
        if (!db.exists() || plan.matchesNothing()) {
            return Result.of(List.of());
        }
        ObjectNode request = plan.findRequest();
        finds.incrementAndGet();
        FindResult r;
        try {
            r = db.find(request.deepCopy());
        } catch (CouchException e) {
            if (!e.error().equals("no_usable_index")) {
                throw e;
            }
            r = null;
        }
        if (r == null || r.warning() != null) {
            indexes.incrementAndGet();
            db.createIndex(plan.indexRequest());
            finds.incrementAndGet();
            r = db.find(request.deepCopy());
            if (r.warning() != null) {
                throw new ClientException(400, "no_index", r.warning());
            }
        }
        int limit = request.path("limit").asInt();
        return new Result(r.docs(), r.docs().size() >= limit, r.bookmark(), null);
    }

    private ObjectNode save(String doctype, ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        WriteResult r = db(doctype).save(copy);
        if (!r.isOk()) {
            throw ClientException.of(409, String.valueOf(r.error()), String.valueOf(r.reason()));
        }
        return read(db(doctype), r.id());
    }

    private ObjectNode destroy(String doctype, JsonNode doc) {
        ObjectNode tomb = Json.object()
                .put("_id", doc.path("_id").asText())
                .put("_rev", doc.path("_rev").asText());
        tomb.put("_deleted", true);
        WriteResult r = db(doctype).save(tomb.deepCopy());
        if (!r.isOk()) {
            throw ClientException.of(409, String.valueOf(r.error()), String.valueOf(r.reason()));
        }
        return tomb.put("_rev", r.rev());
    }

    @Override
    public void close() {
        data.close();
    }
}
