package dev.hearth.datasystem.internal.store;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.Revs;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a checked {@code _bulk_docs} request in batches of a few megabytes, each one operation
 * of the group-commit writer. CouchDB's atomicity is per document, so a large request need not be
 * one operation: in batches, its bodies are let go of as they are written, the store holds one
 * batch of unsaved pages at a time, and other writers of the instance get their turn between
 * batches.
 */
final class BulkDocs {
    /** The body bytes of one batch, beyond which the next document starts another. */
    static final int BATCH_BYTES = 4 << 20;
    /** The most documents in one batch. */
    static final int BATCH_DOCS = 1000;

    private BulkDocs() {}

    /** Writes the request; per-document results, only the failures with {@code new_edits} false. */
    static List<WriteResult> write(MvDatabase db, BulkRequest request) {
        boolean newEdits = request.newEdits();
        List<WriteResult> results = new ArrayList<>();
        List<Object> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < request.size(); i++) {
            Object item = request.take(i);
            batch.add(item);
            bytes += item instanceof DocInput in ? in.body().length : 0;
            if (bytes >= BATCH_BYTES || batch.size() >= BATCH_DOCS || i == request.size() - 1) {
                report(
                        db,
                        db.store().write(b -> applyAll(db.ds(), batch, newEdits, db.revsLimit())),
                        newEdits,
                        results);
                batch.clear();
                bytes = 0;
            }
        }
        return results;
    }

    private static void report(MvDatabase db, List<Object> outcomes, boolean newEdits, List<WriteResult> results) {
        for (Object o : outcomes) {
            if (o instanceof Change change) {
                db.changed(change);
                if (newEdits) {
                    results.add(WriteResult.ok(change.id(), change.rev()));
                }
            } else if (o instanceof WriteResult r && (newEdits || !r.isOk())) {
                results.add(r);
            }
        }
    }

    /** Writer only: applies each document on its own; a refusal fails that document only. */
    private static List<Object> applyAll(DoctypeStore ds, List<Object> inputs, boolean newEdits, int revsLimit) {
        List<Object> out = new ArrayList<>(inputs.size());
        for (Object i : inputs) {
            if (!(i instanceof DocInput in)) {
                out.add(i);
                continue;
            }
            try {
                if (newEdits) {
                    out.add(DocWriter.edit(ds, in.id(), in.rev(), in.deleted(), in.body(), revsLimit));
                } else {
                    Revs.Rev rev = Revs.parse(in.rev());
                    Change c =
                            DocWriter.replicate(ds, in.id(), rev.pos(), in.path(), in.deleted(), in.body(), revsLimit);
                    out.add(c == null ? WriteResult.ok(in.id(), in.rev()) : c);
                }
            } catch (CouchException e) {
                out.add(WriteResult.failed(in.id(), e.error(), e.reason()));
            }
        }
        return out;
    }
}
