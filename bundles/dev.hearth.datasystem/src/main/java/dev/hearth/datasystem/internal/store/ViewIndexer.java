package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.js.BudgetExceededException;
import dev.hearth.js.CallResult;
import dev.hearth.js.JsFunctions;
import dev.hearth.js.JsSandbox;
import dev.hearth.mango.IndexKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a view index up to date from the database's changes: only the documents changed since
 * the sequence the index reflects are mapped, in batches. Each batch is mapped outside the writer
 * (on the caller's thread, through a {@link JsFunctions} session), then its rows and the new
 * sequence are written in one commit, so that after a crash the index and its sequence agree.
 * One update runs at a time per index; the others wait for it and find the index up to date.
 *
 * <p>A map function that throws on a document, or runs out of its per-document budget, skips that
 * document (CouchDB logs and skips it too); a batch that runs out of its own budget fails the
 * query with 500 {@code os_process_error}, keeping what earlier batches wrote.
 */
final class ViewIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(ViewIndexer.class);
    static final int BATCH = 1000;

    private ViewIndexer() {}

    /** A changed document: its JSON for the map function, or null when it is deleted. */
    private record Changed(String id, @Nullable String json) {}

    private record Batch(long from, long to, List<Changed> docs) {}

    /** The rows one document emits: row keys and values, ready for the writer. */
    private record Mapped(String id, List<byte[]> keys, List<byte[]> values) {}

    static void update(InstanceStore store, String doctype, ViewDef def, Supplier<@Nullable JsSandbox> sandbox) {
        ReentrantLock lock = store.lock("view/" + doctype + "/" + def.signature());
        lock.lock();
        JsFunctions session = null;
        try {
            long target = store.read(() -> store.doctype(doctype).committedSeq());
            while (true) {
                Batch batch = store.read(() -> next(store.doctype(doctype), def.signature()));
                if (batch.docs().isEmpty() && batch.to() == batch.from()) {
                    return;
                }
                if (session == null && !batch.docs().isEmpty()) {
                    session = ViewScripts.open(sandbox, def, "map", def.map());
                }
                List<Mapped> mapped = session == null ? List.of() : map(session, batch.docs(), def);
                boolean written = store.write(w -> apply(store.doctype(doctype), def, batch, mapped));
                if (!written || batch.to() >= target) {
                    return;
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
            lock.unlock();
        }
    }

    /** The next changes after the index's sequence (design documents are not mapped, as in CouchDB). */
    private static Batch next(DoctypeStore ds, String signature) {
        if (!ds.exists()) {
            throw new CouchException(404, "not_found", "Database does not exist.");
        }
        long from = ds.viewSeq(signature);
        long last = from;
        long committed = ds.committedSeq();
        List<Changed> docs = new ArrayList<>();
        Cursor<Long, String> cursor = ds.seqs.cursor(from + 1);
        while (cursor.hasNext() && docs.size() < BATCH) {
            long seq = cursor.next();
            if (seq > committed) {
                break;
            }
            last = seq;
            String id = cursor.getValue();
            DocCodec.Winner w = ds.winner(id);
            boolean skip = w == null || w.deleted() || id.startsWith(Indexes.DESIGN_PREFIX);
            docs.add(new Changed(id, skip ? null : json(id, w)));
        }
        return new Batch(from, last, docs);
    }

    private static String json(String id, DocCodec.Winner w) {
        return new String(
                Documents.toBytes(new Revision(id, w.rev(), false, w.body(), null, null), null),
                StandardCharsets.UTF_8);
    }

    private static List<Mapped> map(JsFunctions session, List<Changed> docs, ViewDef def) {
        List<String> inputs = new ArrayList<>();
        for (Changed c : docs) {
            if (c.json() != null) {
                inputs.add(c.json());
            }
        }
        List<CallResult> results;
        try {
            results = inputs.isEmpty() ? List.of() : session.callEach("map", inputs);
        } catch (BudgetExceededException e) {
            throw new CouchException(
                    500, "os_process_error", "The map function of " + def.name() + ": " + e.getMessage());
        }
        List<Mapped> out = new ArrayList<>(docs.size());
        int next = 0;
        for (Changed c : docs) {
            if (c.json() == null) {
                out.add(new Mapped(c.id(), List.of(), List.of()));
                continue;
            }
            CallResult r = results.get(next++);
            if (!r.succeeded() || r.value() == null) {
                LOG.debug("The map function of {} skipped {}: {}", def.name(), c.id(), r.error());
                out.add(new Mapped(c.id(), List.of(), List.of()));
                continue;
            }
            out.add(rows(c.id(), r.value()));
        }
        return out;
    }

    private static Mapped rows(String id, String json) {
        JsonNode rows;
        try {
            rows = Json.mapper().readTree(json);
        } catch (IOException e) {
            return new Mapped(id, List.of(), List.of());
        }
        List<byte[]> keys = new ArrayList<>(rows.size());
        List<byte[]> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode key = rows.get(i).get(0);
            byte[] prefix = ViewRows.docPrefix(IndexKeys.encode(key), id);
            keys.add(ViewRows.rowKey(prefix, i));
            values.add(ViewRows.rowValue(id, key.toString(), rows.get(i).get(1).toString()));
        }
        return new Mapped(id, keys, values);
    }

    /**
     * On the writer: replaces the rows of the batch's documents and moves the index's sequence,
     * unless the index moved or was dropped meanwhile (its design document changed).
     */
    private static boolean apply(DoctypeStore ds, ViewDef def, Batch batch, List<Mapped> mapped) {
        String signature = def.signature();
        if (ds.viewSeq(signature) != batch.from() || !ViewDef.signatures(ds).contains(signature)) {
            return false;
        }
        MVMap<byte[], byte[]> rows = ds.viewRows(signature);
        MVMap<String, byte[]> ids = ds.viewIds(signature);
        for (Mapped m : mapped) {
            byte[] old = ids.remove(m.id());
            if (old != null) {
                ViewRows.keys(old).forEach(rows::remove);
            }
            for (int i = 0; i < m.keys().size(); i++) {
                rows.put(m.keys().get(i), m.values().get(i));
            }
            if (!m.keys().isEmpty()) {
                ids.put(m.id(), ViewRows.keyList(m.keys()));
            }
        }
        ds.viewSeqs().put(signature, batch.to());
        return true;
    }

    /** On the writer, when a design document changed: drops the indexes no view uses any more. */
    static void designChanged(DoctypeStore ds) {
        if (!ds.hasAnyView()) {
            return;
        }
        var used = ViewDef.signatures(ds);
        for (Map.Entry<String, Long> e : List.copyOf(ds.viewSeqs().entrySet())) {
            if (!used.contains(e.getKey())) {
                ds.dropView(e.getKey());
            }
        }
    }
}
