package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.ChangeSink;
import dev.hearth.datasystem.engine.DesignDocs;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocInput;
import dev.hearth.datasystem.engine.PurgeRequest;
import dev.hearth.datasystem.engine.Replication;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.js.JsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One doctype's database of one instance on PostgreSQL. Writes are one transaction each
 * ({@code _bulk_docs} and {@code saveAll} included), reads see every committed write. Views
 * are brought up to date by the queries that read them ({@link PgViews}).
 */
final class PgDatabase implements Database {
    private final DataSource server;
    private final String instance;
    private final String doctype;
    private final ChangeSink changes;
    private final PgEngine.Limits limits;
    private final PgGroupCommit commits;
    private final Supplier<@Nullable JsSandbox> sandbox;

    PgDatabase(
            DataSource server,
            String instance,
            String doctype,
            ChangeSink changes,
            PgEngine.Limits limits,
            PgGroupCommit commits,
            Supplier<@Nullable JsSandbox> sandbox) {
        this.server = server;
        this.sandbox = sandbox;
        this.commits = commits;
        this.instance = instance;
        this.doctype = doctype;
        this.changes = changes;
        this.limits = limits;
    }

    DataSource server() {
        return server;
    }

    String instance() {
        return instance;
    }

    @Override
    public String doctype() {
        return doctype;
    }

    @Override
    public boolean exists() {
        return Sql.read(server, c -> exists(c));
    }

    boolean exists(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement s =
                        Jdbc.prepare(c, "SELECT 1 FROM dbs WHERE instance = ? AND doctype = ?", instance, doctype);
                ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    /** 404 when the database does not exist. */
    void existing(java.sql.Connection c) throws java.sql.SQLException {
        if (!exists(c)) {
            throw new CouchException(404, "not_found", "Database does not exist.");
        }
    }

    @Override
    public boolean create() {
        return Sql.transaction(
                server,
                c -> Jdbc.update(
                                c,
                                "INSERT INTO dbs (instance, doctype) VALUES (?, ?)"
                                        + " ON CONFLICT (instance, doctype) DO NOTHING",
                                instance,
                                doctype)
                        == 1);
    }

    @Override
    public void drop() {
        Sql.transaction(server, c -> {
            existing(c);
            for (String table :
                    List.of("docs", "local_docs", "mango_keys", "mango_indexes", "view_rows", "view_seqs", "dbs")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE instance = ? AND doctype = ?", instance, doctype);
            }
            return null;
        });
    }

    @Override
    public long normalDocCount() {
        return Sql.read(server, c -> {
            existing(c);
            return PgReads.count(c, this, " AND NOT deleted AND id NOT LIKE '\\_design/%'");
        });
    }

    @Override
    public void writeInfo(JsonGenerator out) throws IOException {
        long[] figures = Sql.read(server, c -> {
            existing(c);
            return new long[] {
                PgReads.count(c, this, " AND NOT deleted"),
                PgReads.count(c, this, " AND deleted"),
                PgReads.seq(c, this),
                PgReads.purgeSeq(c, this)
            };
        });
        out.writeStartObject();
        out.writeStringField("db_name", doctype);
        out.writeNumberField("doc_count", figures[0]);
        out.writeNumberField("doc_del_count", figures[1]);
        out.writeStringField("update_seq", Long.toString(figures[2]));
        out.writeStringField("purge_seq", Long.toString(figures[3]));
        out.writeBooleanField("compact_running", false);
        out.writeStringField("instance_start_time", "0");
        out.writeEndObject();
    }

    @Override
    public Revision get(String id, @Nullable String rev, boolean revisions) {
        byte[] tree = Sql.read(server, c -> {
            if (!exists(c)) {
                throw new CouchException(404, "not_found", "wrong_doctype");
            }
            return PgReads.tree(c, this, id);
        });
        if (tree == null) {
            throw new CouchException(404, "not_found", "missing");
        }
        if (rev == null && !revisions) {
            DocCodec.Winner w = DocCodec.winner(tree);
            if (w.deleted()) {
                throw new CouchException(404, "not_found", "deleted");
            }
            return new Revision(id, w.rev(), false, w.body(), null, null);
        }
        return DocCodec.decode(id, tree).revision(rev);
    }

    @Override
    public WriteResult save(ObjectNode doc) {
        DocInput in = DocInput.read(doc, true, limits.maxDocumentBytes());
        if (in.id().startsWith("_design/")) {
            // Alone: a design document may fail on its declarations after writing index rows.
            Change change = write(w -> w.edit(in));
            changes.changed(instance, doctype, change);
            return WriteResult.ok(change.id(), change.rev());
        }
        Change change = commits.save(this, in); // published by the batch, in commit order
        return WriteResult.ok(change.id(), change.rev());
    }

    @Override
    public List<WriteResult> saveAll(List<ObjectNode> docs) {
        List<DocInput> inputs = new ArrayList<>(docs.size());
        for (ObjectNode doc : docs) {
            inputs.add(DocInput.read(doc, true, limits.maxDocumentBytes()));
        }
        // A conflict on any document throws before the commit: none of them is written.
        List<Change> applied = write(inputs.stream().map(DocInput::id).toList(), w -> {
            List<Change> out = new ArrayList<>(inputs.size());
            for (DocInput in : inputs) {
                out.add(w.edit(in));
            }
            return out;
        });
        List<WriteResult> results = new ArrayList<>(applied.size());
        for (Change change : applied) {
            changes.changed(instance, doctype, change);
            results.add(WriteResult.ok(change.id(), change.rev()));
        }
        return results;
    }

    /** Work in one write transaction of this database. */
    @FunctionalInterface
    interface WriteWork<T> {
        T run(PgWrites writes) throws java.sql.SQLException;
    }

    <T> T write(WriteWork<T> work) {
        return write(List.of(), work);
    }

    /** Work in one write transaction that writes the documents {@code ids}, read with its lock. */
    <T> T write(List<String> ids, WriteWork<T> work) {
        return Sql.transaction(server, c -> {
            PgWrites writes = PgWrites.begin(c, instance, doctype, limits.revsLimit(), ids);
            T result = work.run(writes);
            writes.finish();
            return result;
        });
    }

    void published(Change change) {
        changes.changed(instance, doctype, change);
    }

    int maxDocumentBytes() {
        return limits.maxDocumentBytes();
    }

    @Override
    public List<WriteResult> bulkDocs(JsonNode body) {
        return PgBulk.write(this, body);
    }

    @Override
    public List<WriteResult> bulkDocs(JsonParser body) throws IOException {
        JsonNode tree = Json.mapper().readTree(body);
        if (body.nextToken() != null) {
            throw new CouchException(400, "bad_request", "Trailing content after the request body");
        }
        return bulkDocs(tree == null ? Json.mapper().nullNode() : tree);
    }

    @Override
    public ObjectNode purge(JsonNode body) {
        PurgeRequest request = PurgeRequest.parse(body);
        ObjectNode answer = Json.mapper().createObjectNode();
        ObjectNode purged = answer.putObject("purged");
        long purgeSeq = Sql.transaction(server, c -> {
            existing(c);
            PgWrites w = PgWrites.begin(c, instance, doctype, limits.revsLimit());
            int count = 0;
            for (var e : request.revs().entrySet()) {
                List<String> removed = w.purge(e.getKey(), e.getValue());
                var revs = purged.putArray(e.getKey());
                removed.forEach(revs::add);
                count += removed.size();
            }
            long seq = count > 0 ? w.purged() : w.purgeSeq();
            w.finish();
            return seq;
        });
        answer.put("purge_seq", Long.toString(purgeSeq));
        answer.set("purged", answer.remove("purged"));
        return answer;
    }

    @Override
    public void changes(ChangesQuery query, JsonGenerator out) throws IOException {
        PgReads.changes(this, query, out);
    }

    @Override
    public void allDocs(AllDocsQuery query, JsonGenerator out) throws IOException {
        PgReads.allDocs(this, query, out);
    }

    @Override
    public FindResult find(ObjectNode request) {
        return PgFind.find(this, request);
    }

    @Override
    public JsonFindResult findJson(ObjectNode request) {
        return PgFind.findJson(this, request);
    }

    @Override
    public long count(ObjectNode selector, @Nullable String useIndex) {
        return PgFind.count(this, selector, useIndex);
    }

    @Override
    public ObjectNode createIndex(ObjectNode definition) {
        return PgFind.createIndex(this, definition);
    }

    @Override
    public void view(String ddoc, String view, ViewQuery query, JsonGenerator out) throws IOException {
        PgViews.query(this, ddoc, view, query, sandbox, out);
    }

    @Override
    public void designDocs(boolean includeDocs, JsonGenerator out) throws IOException {
        PgReads.allDocs(
                this,
                new AllDocsQuery(null, "_design/", "_design0", false, false, -1, 0, includeDocs, false, true),
                out);
    }

    @Override
    public ObjectNode copyDesignDoc(String id, String rev, String destination) {
        return DesignDocs.copy(this, id, rev, destination);
    }

    @Override
    public void writeOpenRevs(
            String id, @Nullable List<String> revs, boolean latest, boolean revisions, JsonGenerator out)
            throws IOException {
        replicationRead(records -> Replication.openRevs(records, id, revs, latest, revisions, out));
    }

    @Override
    public void revsDiff(JsonNode body, JsonGenerator out) throws IOException {
        replicationRead(records -> Replication.revsDiff(records, body, out));
    }

    @Override
    public void bulkGet(JsonNode body, boolean revisions, JsonGenerator out) throws IOException {
        replicationRead(records -> Replication.bulkGet(records, body, revisions, out));
    }

    /** A read of the replication protocol, streamed from one snapshot. */
    @FunctionalInterface
    private interface ReplicationRead {
        void write(Replication.Records records) throws IOException;
    }

    private void replicationRead(ReplicationRead read) throws IOException {
        try {
            Sql.transaction(server, c -> {
                PgIndexKeys.snapshotIndexes(c, instance, doctype); // 404 when the database is missing
                try {
                    read.write(id -> Sql.unchecked(() -> {
                        byte[] tree = PgReads.tree(c, this, id);
                        return tree == null ? null : DocCodec.decode(id, tree);
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public ObjectNode getLocal(String id) {
        return PgLocalDocs.get(this, id);
    }

    @Override
    public WriteResult putLocal(String id, ObjectNode doc) {
        return PgLocalDocs.put(this, id, doc);
    }

    @Override
    public WriteResult deleteLocal(String id, @Nullable String rev) {
        return PgLocalDocs.delete(this, id, rev);
    }

    @Override
    public List<ObjectNode> localDocs() {
        return PgLocalDocs.all(this);
    }

    @Override
    public WriteResult restoreLocal(ObjectNode doc) {
        return PgLocalDocs.restore(this, doc);
    }

    @Override
    public void advanceSequence(long seq) {
        write(w -> {
            w.advance(seq);
            return null;
        });
    }
}
