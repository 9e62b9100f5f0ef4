package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexRequest;
import dev.hearth.datasystem.engine.ViewAnswer;
import dev.hearth.datasystem.engine.ViewDef;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a database does with its design documents: Mango indexes created, views queried. */
final class MvDesignDocs {
    private static final Logger LOG = LoggerFactory.getLogger(MvDesignDocs.class);

    private MvDesignDocs() {}

    /** Creates a Mango index (its design document), or answers that it exists. */
    static ObjectNode createIndex(MvDatabase db, ObjectNode definition) {
        IndexRequest request = IndexRequest.parse(definition);
        ObjectNode answer = Json.mapper().createObjectNode();
        String result = db.store().write(batch -> {
            DoctypeStore ds = db.ds();
            ds.create();
            if (ds.indexes.contains(request.definition())) {
                return "exists";
            }
            DocRecord existing = ds.record(request.designId());
            byte[] body = Json.storedBytes(request.designBody(existing));
            DocWriter.edit(ds, request.designId(), IndexRequest.designRev(existing), false, body, db.revsLimit());
            return "created";
        });
        answer.put("result", result);
        answer.put("id", "_design/" + request.ddoc());
        answer.put("name", request.name());
        return answer;
    }

    /** Queries a view, bringing its index up to date first or after as the query asks. */
    static void view(MvDatabase db, String ddoc, String view, ViewQuery query, JsonGenerator out) throws IOException {
        ViewDef def = db.store().read(() -> ViewIndexer.read(db.existing(), ddoc, view));
        ViewAnswer.reduces(def, query);
        if (query.update() == ViewQuery.Update.TRUE) {
            ViewIndexer.update(db.store(), db.doctype(), def, db.sandbox());
        }
        db.stream(ds -> ViewAnswer.write(new MvViewIndex(ds, def.signature()), def, query, db.sandbox(), out));
        if (query.update() == ViewQuery.Update.LAZY) {
            Thread.ofVirtual().name("hearth-view-update").start(() -> updateQuietly(db, def));
        }
    }

    private static void updateQuietly(MvDatabase db, ViewDef def) {
        try {
            ViewIndexer.update(db.store(), db.doctype(), def, db.sandbox());
        } catch (RuntimeException e) {
            LOG.debug("The lazy update of view {} of {} failed: {}", def.name(), db.doctype(), e.toString());
        }
    }
}
