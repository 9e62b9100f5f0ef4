package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.ChangeSink;
import dev.hearth.datasystem.engine.DesignDocs;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocIds;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.PurgeRequest;
import dev.hearth.datasystem.engine.Replication;
import dev.hearth.js.JsSandbox;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** {@link Database} over the embedded store: the write paths, and the reads delegated to helpers. */
public final class MvDatabase implements Database {

    private final InstanceStore store;
    private final String doctype;
    private final int maxDocBytes;
    private final ChangeSink listener;

    public MvDatabase(InstanceStore store, String doctype, int maxDocBytes, ChangeSink listener) {
        this(store, doctype, maxDocBytes, listener, () -> null);
    }

    /** @param sandbox the JavaScript sandbox that runs map and reduce functions (null while there is none) */
    public MvDatabase(
            InstanceStore store,
            String doctype,
            int maxDocBytes,
            ChangeSink listener,
            Supplier<@Nullable JsSandbox> sandbox) {
        this.store = store;
        this.doctype = doctype;
        this.maxDocBytes = maxDocBytes;
        this.listener = listener;
        this.sandbox = sandbox;
    }

    private final Supplier<@Nullable JsSandbox> sandbox;

    Supplier<@Nullable JsSandbox> sandbox() {
        return sandbox;
    }

    DoctypeStore ds() {
        return store.doctype(doctype);
    }

    /** The database, or 404 when it does not exist. */
    DoctypeStore existing() {
        DoctypeStore ds = ds();
        if (!ds.exists()) {
            throw new CouchException(404, "not_found", "Database does not exist.");
        }
        return ds;
    }

    /** A read that writes its answer. */
    interface Streamed {
        void write(DoctypeStore ds) throws IOException;
    }

    /** Streams an answer from the existing database, with the version pinned until the end. */
    void stream(Streamed answer) throws IOException {
        store.read(() -> {
            answer.write(existing());
            return null;
        });
    }

    @Override
    public String doctype() {
        return doctype;
    }

    @Override
    public boolean exists() {
        return store.read(() -> ds().exists());
    }

    @Override
    public boolean create() {
        return store.write(batch -> {
            DoctypeStore ds = ds();
            if (ds.exists()) {
                return false;
            }
            ds.create();
            return true;
        });
    }

    @Override
    public void drop() {
        store.read(this::existing);
        store.write(batch -> {
            ds().drop();
            return null;
        });
    }

    @Override
    public long normalDocCount() {
        return store.read(this::countNormalDocs);
    }

    private long countNormalDocs() {
        DoctypeStore ds = existing();
        long design = 0;
        for (var it = ds.docs.keyIterator(Indexes.DESIGN_PREFIX); it.hasNext(); ) {
            String id = it.next();
            if (id.compareTo(Indexes.DESIGN_END) >= 0) {
                break;
            }
            DocCodec.Winner w = ds.winner(id);
            design += w != null && !w.deleted() ? 1 : 0;
        }
        return ds.docCount() - design;
    }

    @Override
    public void writeInfo(JsonGenerator out) throws IOException {
        stream(ds -> info(ds, out));
    }

    private void info(DoctypeStore ds, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("db_name", doctype);
        out.writeNumberField("doc_count", ds.docCount());
        out.writeNumberField("doc_del_count", ds.deletedCount());
        out.writeStringField("update_seq", Long.toString(ds.committedSeq()));
        out.writeStringField("purge_seq", Long.toString(ds.purgeSeq()));
        out.writeBooleanField("compact_running", false);
        out.writeObjectFieldStart("sizes");
        out.writeNumberField("file", store.fileSize());
        out.writeNumberField("active", store.fileSize());
        out.writeNumberField("external", store.fileSize());
        out.writeEndObject();
        out.writeStringField("instance_start_time", "0");
        out.writeEndObject();
    }

    @Override
    public Revision get(String id, @Nullable String rev, boolean revisions) {
        return store.read(() -> revision(id, rev, revisions));
    }

    private Revision revision(String id, @Nullable String rev, boolean revisions) {
        DoctypeStore ds = ds();
        if (!ds.exists()) {
            throw new CouchException(404, "not_found", "wrong_doctype");
        }
        if (rev == null && !revisions) {
            DocCodec.Winner w = ds.winner(id);
            if (w == null) {
                throw missing();
            }
            if (w.deleted()) {
                throw new CouchException(404, "not_found", "deleted");
            }
            return new Revision(id, w.rev(), false, w.body(), null, null);
        }
        DocRecord record = ds.record(id);
        if (record == null) {
            throw missing();
        }
        return record.revision(rev);
    }

    static CouchException missing() {
        return new CouchException(404, "not_found", "missing");
    }

    @Override
    public void writeOpenRevs(
            String id, @Nullable List<String> revs, boolean latest, boolean revisions, JsonGenerator out)
            throws IOException {
        stream(ds -> Replication.openRevs(ds::record, id, revs, latest, revisions, out));
    }

    @Override
    public WriteResult save(ObjectNode doc) {
        DocInput input = DocInput.read(doc, true, maxDocBytes);
        Change change = store.write(
                batch -> DocWriter.edit(ds(), input.id(), input.rev(), input.deleted(), input.body(), revsLimit()));
        listener.changed(store.domain(), doctype, change);
        return WriteResult.ok(change.id(), change.rev());
    }

    @Override
    public List<WriteResult> saveAll(List<ObjectNode> docs) {
        List<DocInput> inputs = new ArrayList<>(docs.size());
        for (ObjectNode doc : docs) {
            inputs.add(DocInput.read(doc, true, maxDocBytes));
        }
        List<Change> changes = store.write(batch -> {
            DoctypeStore ds = ds();
            for (DocInput in : inputs) {
                DocWriter.check(ds, in.id(), in.rev(), in.deleted());
            }
            List<Change> applied = new ArrayList<>(inputs.size());
            for (DocInput in : inputs) {
                applied.add(DocWriter.edit(ds, in.id(), in.rev(), in.deleted(), in.body(), revsLimit()));
            }
            return applied;
        });
        List<WriteResult> results = new ArrayList<>(changes.size());
        for (Change change : changes) {
            listener.changed(store.domain(), doctype, change);
            results.add(WriteResult.ok(change.id(), change.rev()));
        }
        return results;
    }

    @Override
    public List<WriteResult> bulkDocs(JsonNode body) {
        return BulkDocs.write(this, BulkRequest.of(body, maxDocBytes));
    }

    @Override
    public List<WriteResult> bulkDocs(JsonParser body) throws IOException {
        return BulkDocs.write(this, BulkRequest.read(body, maxDocBytes));
    }

    InstanceStore store() {
        return store;
    }

    /** Tells the listener about a durable change. */
    void changed(Change change) {
        listener.changed(store.domain(), doctype, change);
    }

    int revsLimit() {
        return store.settings().revsLimit();
    }

    @Override
    public ObjectNode purge(JsonNode body) {
        PurgeRequest request = PurgeRequest.parse(body);
        store.read(this::existing);
        return store.write(batch -> Purge.apply(existing(), request));
    }

    @Override
    public void changes(ChangesQuery query, JsonGenerator out) throws IOException {
        stream(ds -> Changes.write(ds, query, out));
    }

    @Override
    public void allDocs(AllDocsQuery query, JsonGenerator out) throws IOException {
        stream(ds -> AllDocs.write(ds, query, out));
    }

    @Override
    public FindResult find(ObjectNode request) {
        return store.read(() -> Find.run(existing(), request));
    }

    @Override
    public List<ObjectNode> withIdPrefix(String prefix, int limit) {
        return store.read(() -> {
            DoctypeStore ds = existing();
            List<ObjectNode> out = new ArrayList<>();
            for (var ids = ds.docs.keyIterator(prefix); ids.hasNext() && out.size() < limit; ) {
                String id = ids.next();
                if (!id.startsWith(prefix)) {
                    break;
                }
                DocCodec.Winner w = ds.winner(id);
                if (w != null && !w.deleted()) {
                    out.add(Bodies.document(id, w.rev(), w.body()));
                }
            }
            return out;
        });
    }

    @Override
    public JsonFindResult findJson(ObjectNode request) {
        return store.read(() -> Find.runJson(existing(), request));
    }

    @Override
    public long count(ObjectNode selector, @Nullable String useIndex) {
        return store.read(() -> IndexCount.count(existing(), selector, useIndex));
    }

    @Override
    public ObjectNode createIndex(ObjectNode definition) {
        return MvDesignDocs.createIndex(this, definition);
    }

    @Override
    public void view(String ddoc, String view, ViewQuery query, JsonGenerator out) throws IOException {
        MvDesignDocs.view(this, ddoc, view, query, out);
    }

    @Override
    public void designDocs(boolean includeDocs, JsonGenerator out) throws IOException {
        allDocs(
                new AllDocsQuery(
                        null, Indexes.DESIGN_PREFIX, Indexes.DESIGN_END, false, false, -1, 0, includeDocs, false, true),
                out);
    }

    @Override
    public ObjectNode copyDesignDoc(String id, String rev, String destination) {
        return DesignDocs.copy(this, id, rev, destination);
    }

    @Override
    public void revsDiff(JsonNode body, JsonGenerator out) throws IOException {
        stream(ds -> Replication.revsDiff(ds::record, body, out));
    }

    @Override
    public void bulkGet(JsonNode body, boolean revisions, JsonGenerator out) throws IOException {
        stream(ds -> Replication.bulkGet(ds::record, body, revisions, out));
    }

    @Override
    public ObjectNode getLocal(String id) {
        return store.read(() -> LocalDocs.get(existing(), id));
    }

    @Override
    public WriteResult putLocal(String id, ObjectNode doc) {
        DocIds.checkLocal(id);
        LocalDocs.checkSize(doc, maxDocBytes);
        return store.write(batch -> LocalDocs.put(ds(), id, doc));
    }

    @Override
    public WriteResult deleteLocal(String id, @Nullable String rev) {
        store.read(this::existing);
        return store.write(batch -> LocalDocs.delete(ds(), id, rev));
    }

    @Override
    public List<ObjectNode> localDocs() {
        return store.read(() -> ds().exists() ? LocalDocs.all(ds()) : List.of());
    }

    @Override
    public WriteResult restoreLocal(ObjectNode doc) {
        String id = doc.path("_id").asText("");
        String bare = id.startsWith("_local/") ? id.substring("_local/".length()) : id;
        DocIds.checkLocal(bare);
        LocalDocs.checkSize(doc, maxDocBytes);
        return store.write(batch -> LocalDocs.restore(ds(), bare, doc));
    }

    @Override
    public void advanceSequence(long seq) {
        store.write(batch -> {
            DoctypeStore ds = ds();
            ds.create();
            ds.advanceSeq(seq);
            return null;
        });
    }
}
