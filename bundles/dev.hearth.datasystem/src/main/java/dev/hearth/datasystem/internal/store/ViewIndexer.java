package dev.hearth.datasystem.internal.store;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.ViewDef;
import dev.hearth.datasystem.engine.ViewMapper;
import dev.hearth.datasystem.engine.ViewMapper.Changed;
import dev.hearth.datasystem.engine.ViewMapper.Mapped;
import dev.hearth.datasystem.engine.ViewRows;
import dev.hearth.datasystem.engine.ViewScripts;
import dev.hearth.js.JsFunctions;
import dev.hearth.js.JsSandbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

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
    static final int BATCH = ViewMapper.BATCH;

    private ViewIndexer() {}

    private record Batch(long from, long to, List<Changed> docs) {}

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
                List<Mapped> mapped = session == null ? List.of() : ViewMapper.map(session, batch.docs(), def);
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
            docs.add(ViewMapper.changed(id, ds.winner(id)));
        }
        return new Batch(from, last, docs);
    }

    /** The view of a stored design document; 404 as CouchDB when there is none. */
    static ViewDef read(DoctypeStore ds, String ddoc, String view) {
        return ViewDef.of(ddoc, view, ds.winner("_design/" + ddoc));
    }

    /** The index signatures of every view of the live design documents. */
    static Set<String> signatures(DoctypeStore ds) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = ds.docs.keyIterator(Indexes.DESIGN_PREFIX); it.hasNext(); ) {
            String id = it.next();
            if (id.compareTo(Indexes.DESIGN_END) >= 0) {
                break;
            }
            DocCodec.Winner w = ds.winner(id);
            if (w != null && !w.deleted()) {
                ViewDef.addSignatures(w.body(), out);
            }
        }
        return out;
    }

    /**
     * On the writer: replaces the rows of the batch's documents and moves the index's sequence,
     * unless the index moved or was dropped meanwhile (its design document changed).
     */
    private static boolean apply(DoctypeStore ds, ViewDef def, Batch batch, List<Mapped> mapped) {
        String signature = def.signature();
        if (ds.viewSeq(signature) != batch.from() || !signatures(ds).contains(signature)) {
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
        var used = signatures(ds);
        for (Map.Entry<String, Long> e : List.copyOf(ds.viewSeqs().entrySet())) {
            if (!used.contains(e.getKey())) {
                ds.dropView(e.getKey());
            }
        }
    }
}
