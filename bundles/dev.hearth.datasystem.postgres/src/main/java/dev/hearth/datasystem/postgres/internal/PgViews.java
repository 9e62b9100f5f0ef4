package dev.hearth.datasystem.postgres.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.ViewAnswer;
import dev.hearth.datasystem.engine.ViewDef;
import dev.hearth.datasystem.engine.ViewMapper;
import dev.hearth.datasystem.engine.ViewMapper.Changed;
import dev.hearth.datasystem.engine.ViewMapper.Mapped;
import dev.hearth.datasystem.engine.ViewScripts;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import dev.hearth.js.JsFunctions;
import dev.hearth.js.JsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaScript map-reduce views on PostgreSQL, with the embedded engine's semantics (the engine
 * SPI's {@link ViewAnswer} writes the answer from {@link PgViewIndex}).
 *
 * <p>An index is brought up to date lazily, by the queries that want it ({@code update=true},
 * the default; {@code lazy} after answering), as CouchDB does, not by the writers: a map function
 * runs in the JavaScript sandbox, which a write transaction should not wait for, and most
 * doctypes are never queried through a view. Only the documents changed since the sequence the
 * index reflects are mapped, in batches, outside any transaction; each batch's rows and the new
 * sequence are written in one transaction that first locks the index's sequence row and gives up
 * when another node moved it meanwhile, so nodes updating one index at the same time neither
 * lose nor double rows. On one node, one update at a time per index (by a striped lock).
 */
final class PgViews {
    private static final Logger LOG = LoggerFactory.getLogger(PgViews.class);
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];
    private static final String WHERE = " WHERE instance = ? AND doctype = ?";

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private PgViews() {}

    /** The documents changed after the index's sequence, up to the batch's last sequence. */
    private record Batch(long from, long to, List<Changed> docs) {}

    static void query(
            PgDatabase db,
            String ddoc,
            String view,
            ViewQuery q,
            Supplier<@Nullable JsSandbox> sandbox,
            JsonGenerator out)
            throws IOException {
        ViewDef def = Sql.read(db.server(), c -> {
            db.existing(c);
            byte[] tree = PgReads.tree(c, db, "_design/" + ddoc);
            return ViewDef.of(ddoc, view, tree == null ? null : DocCodec.winner(tree));
        });
        ViewAnswer.reduces(def, q);
        if (q.update() == ViewQuery.Update.TRUE) {
            update(db, def, sandbox);
        }
        answer(db, def, q, sandbox, out);
        if (q.update() == ViewQuery.Update.LAZY) {
            Thread.ofVirtual().name("hearth-view-update").start(() -> {
                try {
                    update(db, def, sandbox);
                } catch (RuntimeException e) {
                    LOG.debug("The lazy update of view {} of {} failed: {}", def.name(), db.doctype(), e.toString());
                }
            });
        }
    }

    private static void answer(
            PgDatabase db, ViewDef def, ViewQuery q, Supplier<@Nullable JsSandbox> sandbox, JsonGenerator out)
            throws IOException {
        try {
            Sql.transaction(db.server(), c -> {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    ViewAnswer.write(new PgViewIndex(c, db, def.signature()), def, q, sandbox, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Brings the index up to the database's sequence as it was when the update started. */
    static void update(PgDatabase db, ViewDef def, Supplier<@Nullable JsSandbox> sandbox) {
        String key = db.instance() + "\u0000" + db.doctype() + "\u0000" + def.signature();
        ReentrantLock lock = LOCKS[Math.floorMod(key.hashCode(), LOCKS.length)];
        lock.lock();
        JsFunctions session = null;
        try {
            long target = Sql.read(db.server(), c -> PgReads.seq(c, db));
            while (true) {
                Batch batch = Sql.read(db.server(), c -> next(c, db, def.signature()));
                if (batch.docs().isEmpty()) {
                    return;
                }
                if (session == null && batch.docs().stream().anyMatch(d -> d.json() != null)) {
                    session = ViewScripts.open(sandbox, def, "map", def.map());
                }
                List<Mapped> mapped = session == null ? List.of() : ViewMapper.map(session, batch.docs(), def);
                boolean written = Sql.transaction(db.server(), c -> apply(c, db, def.signature(), batch, mapped));
                if (written && batch.to() >= target) {
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

    static long seq(Connection c, PgDatabase db, String signature) throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT seq FROM view_seqs" + WHERE + " AND signature = ?",
                        db.instance(),
                        db.doctype(),
                        signature);
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static Batch next(Connection c, PgDatabase db, String signature) throws SQLException {
        long from = seq(c, db, signature);
        long last = from;
        List<Changed> docs = new ArrayList<>();
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT id, seq, tree FROM docs" + WHERE + " AND seq > ? ORDER BY seq LIMIT ?",
                        db.instance(),
                        db.doctype(),
                        from,
                        ViewMapper.BATCH);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                last = r.getLong(2);
                docs.add(ViewMapper.changed(r.getString(1), DocCodec.winner(r.getBytes(3))));
            }
        }
        return new Batch(from, last, docs);
    }

    /** Replaces the batch's documents' rows and moves the sequence, unless another update moved it. */
    private static boolean apply(Connection c, PgDatabase db, String signature, Batch batch, List<Mapped> mapped)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO view_seqs (instance, doctype, signature, seq) VALUES (?, ?, ?, 0)"
                        + " ON CONFLICT (instance, doctype, signature) DO NOTHING",
                db.instance(),
                db.doctype(),
                signature);
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT seq FROM view_seqs" + WHERE + " AND signature = ? FOR UPDATE",
                        db.instance(),
                        db.doctype(),
                        signature);
                ResultSet r = s.executeQuery()) {
            if (!r.next() || r.getLong(1) != batch.from()) {
                return false;
            }
        }
        if (batch.docs().stream().anyMatch(d -> d.id().startsWith("_design/"))) {
            dropUnused(c, db, signature);
        }
        PgViewRows.replace(c, db, signature, batch.docs(), mapped);
        Jdbc.update(
                c,
                "UPDATE view_seqs SET seq = ?" + WHERE + " AND signature = ?",
                batch.to(),
                db.instance(),
                db.doctype(),
                signature);
        return true;
    }

    /** A design document changed: drops the indexes that no live view uses any more. */
    private static void dropUnused(Connection c, PgDatabase db, String signature) throws SQLException {
        Set<String> live = new HashSet<>();
        live.add(signature);
        try (PreparedStatement s = Jdbc.prepare(
                        c,
                        "SELECT tree FROM docs" + WHERE + " AND id >= '_design/' AND id < '_design0' AND NOT deleted",
                        db.instance(),
                        db.doctype());
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                DocCodec.Winner w = DocCodec.winner(r.getBytes(1));
                if (!w.deleted()) {
                    ViewDef.addSignatures(w.body(), live);
                }
            }
        }
        java.sql.Array used = c.createArrayOf("text", live.toArray());
        for (String table : List.of("view_rows", "view_seqs")) {
            try (PreparedStatement s = Jdbc.prepare(
                    c,
                    "DELETE FROM " + table + WHERE + " AND NOT (signature = ANY (?))",
                    db.instance(),
                    db.doctype())) {
                s.setArray(3, used);
                s.executeUpdate();
            }
        }
    }
}
