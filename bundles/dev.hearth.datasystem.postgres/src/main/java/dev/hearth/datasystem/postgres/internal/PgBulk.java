package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DocInput;
import java.util.ArrayList;
import java.util.List;

/**
 * CouchDB's {@code _bulk_docs} in one transaction: each document succeeds or fails on its own
 * (its failure is found before it writes anything), and the successes commit together.
 */
final class PgBulk {
    private PgBulk() {}

    static List<WriteResult> write(PgDatabase db, JsonNode body) {
        if (!body.isObject() || !body.path("docs").isArray()) {
            throw new CouchException(400, "bad_request", "POST body must include `docs` parameter.");
        }
        JsonNode flag = body.get("new_edits");
        if (flag != null && !flag.isBoolean()) {
            throw new CouchException(400, "bad_request", "`new_edits` parameter must be a boolean.");
        }
        boolean newEdits = flag == null || flag.booleanValue();
        List<Object> inputs = new ArrayList<>();
        for (JsonNode doc : body.get("docs")) {
            try {
                DocInput in = DocInput.read(doc, newEdits, db.maxDocumentBytes());
                if (!newEdits && in.rev() == null) {
                    throw new CouchException(400, "bad_request", "Document rev is required with new_edits false");
                }
                inputs.add(in);
            } catch (CouchException e) {
                inputs.add(WriteResult.failed(doc.path("_id").asText(""), e.error(), e.reason()));
            }
        }
        List<String> ids = inputs.stream()
                .filter(DocInput.class::isInstance)
                .map(i -> ((DocInput) i).id())
                .toList();
        List<Object> outcomes = db.write(ids, w -> {
            List<Object> out = new ArrayList<>(inputs.size());
            for (Object item : inputs) {
                if (!(item instanceof DocInput in)) {
                    out.add(item);
                    continue;
                }
                try {
                    Change change = newEdits ? w.edit(in) : w.replicate(in);
                    out.add(change != null ? change : WriteResult.ok(in.id(), in.rev()));
                } catch (CouchException e) {
                    out.add(WriteResult.failed(in.id(), e.error(), e.reason()));
                }
            }
            return out;
        });
        List<WriteResult> results = new ArrayList<>(outcomes.size());
        for (Object o : outcomes) {
            if (o instanceof Change change) {
                db.published(change);
                if (newEdits) {
                    results.add(WriteResult.ok(change.id(), change.rev()));
                }
            } else if (o instanceof WriteResult r && (newEdits || !r.isOk())) {
                results.add(r);
            }
        }
        return results;
    }
}
