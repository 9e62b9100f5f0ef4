package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Http;
import dev.hearth.client.internal.Json;
import dev.hearth.client.internal.ReplicaDoc;
import dev.hearth.client.internal.ReplicaStore;
import dev.hearth.client.internal.Replicator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A local replica of some doctypes, kept in sync with the server by CouchDB's replication
 * protocol, that answers queries from the replica, also offline, as cozy-pouch-link does with
 * PouchDB. For a replicated doctype, the link answers once the doctype has been pulled completely
 * (this is remembered across restarts) or while the server cannot be reached; before that it
 * passes operations to the next link, and answers from the replica only when that link cannot
 * reach the server. A save or deletion it answers makes a new revision in the replica, as the
 * server would, which reaches the server at the next push with that same revision. Queries are run by the server's own Mango engine ({@link Plan}), so
 * the replica answers as the server would. Other doctypes pass to the next link.
 *
 * <p>{@link #sync()} pulls then pushes every doctype once; {@link #startSync} runs it
 * periodically and right after each local write. Documents a pull changes are given to the
 * listeners ({@link #attach} feeds them to a client's store).
 */
public final class ReplicaLink implements Link, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplicaLink.class.getName());
    private static final String STATE = "hearth-replica-state";

    private final ReplicaStore store;
    private final Replicator replicator;
    private final Set<String> doctypes;
    private final List<BiConsumer<String, ObjectNode>> listeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable ScheduledExecutorService scheduler;
    private final Object syncing = new Object();
    private volatile boolean online = true;

    private ReplicaLink(Builder b, Replicator.Remote remote, String endpoint) {
        try {
            this.store = ReplicaStore.open(b.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the replica in " + b.dir, e);
        }
        this.replicator = new Replicator(remote, store, endpoint);
        this.doctypes = Set.copyOf(b.doctypes);
    }

    /** A replica in {@code dir} of the server {@code server} talks to, with its token. */
    public static Builder builder(StackLink server, Path dir) {
        return new Builder(server, dir);
    }

    /** The replicated doctypes. */
    public Set<String> doctypes() {
        return doctypes;
    }

    /** Whether the last exchange with the server reached it. */
    public boolean online() {
        return online;
    }

    /** Whether the doctype was pulled completely at least once, so the replica answers its queries. */
    public boolean synced(String doctype) {
        ObjectNode state = store.getLocal(doctype, STATE);
        return state != null && state.has("pulled");
    }

    /**
     * Syncs now, then every {@code interval} after the end of the previous sync, and right after
     * each local write, in a thread of the link's own, until the link is closed.
     */
    public synchronized void startSync(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("Already syncing");
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-replica").factory());
        s.scheduleWithFixedDelay(this::syncQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    /** Calls {@code listener} with the winning revision of each document a pull changed. */
    public void onChange(BiConsumer<String, ObjectNode> listener) {
        listeners.add(listener);
    }

    /** Feeds the documents each pull changes into a client's store, so its queries follow. */
    public void attach(HearthClient client) {
        onChange(client::applyChange);
    }

    /**
     * Pulls then pushes every replicated doctype once. Answers false, and the link goes offline,
     * when the server cannot be reached; other errors (a refused token, say) are thrown.
     */
    public boolean sync() {
        synchronized (syncing) {
            try {
                for (String doctype : doctypes) {
                    replicator.pull(doctype, this::changed);
                    ObjectNode state = Json.object().put("pulled", Instant.now().toString());
                    store.putLocal(doctype, STATE, state);
                    Replicator.Outcome pushed = replicator.push(doctype);
                    if (pushed.failures() > 0) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "{0} of {1} revisions of {2} were refused by the server",
                                pushed.failures(),
                                pushed.docsWritten(),
                                doctype);
                    }
                }
                online = true;
                return true;
            } catch (ClientException e) {
                if (e.status() != 0) {
                    throw e;
                }
                online = false;
                return false;
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Replication failed", e);
        }
    }

    private void changed(String doctype, ObjectNode doc) {
        listeners.forEach(l -> l.accept(doctype, doc));
    }

    @Override
    public Result request(Operation operation, Chain next) {
        String doctype = operation.doctype();
        if (!doctypes.contains(doctype)) {
            return next.forward(operation);
        }
        if (synced(doctype) || !online) {
            return local(operation);
        }
        try {
            return next.forward(operation);
        } catch (ClientException e) {
            if (e.status() != 0) {
                throw e;
            }
            online = false;
            return local(operation);
        }
    }

    private Result local(Operation operation) {
        String doctype = operation.doctype();
        return switch (operation) {
            case Operation.Query query -> fromReplica(query.definition());
            case Operation.Save save -> written(store.edit(doctype, save.doc()));
            case Operation.Destroy destroy -> {
                ObjectNode tomb = Json.object()
                        .put("_id", destroy.doc().path("_id").asText())
                        .put("_rev", destroy.doc().path("_rev").asText());
                tomb.put("_deleted", true);
                yield written(store.edit(doctype, tomb));
            }
        };
    }

    private Result written(ObjectNode doc) {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.execute(this::syncQuietly);
        }
        return Result.of(List.of(doc));
    }

    /**
     * The live revisions of a document that lost to its winner (its conflicts), as documents
     * with their {@code _rev}: destroying one ({@link HearthClient#destroy}) resolves it, on the
     * server too after the next push.
     */
    public List<ObjectNode> conflicts(String doctype, String id) {
        ReplicaDoc doc = store.get(doctype, id);
        if (doc == null) {
            return List.of();
        }
        ReplicaDoc.Leaf winner = doc.winner();
        return doc.leaves().stream()
                .filter(l -> l != winner && !l.deleted())
                .map(l -> doc.document(l, false))
                .toList();
    }

    /** Runs a query on the replica alone, as the server would on the same documents. */
    public Result fromReplica(Q q) {
        Plan plan = Plan.of(q);
        switch (plan.kind()) {
            case BY_ID -> {
                ReplicaDoc doc = store.get(q.doctype(), q.id());
                if (doc == null || doc.winner().deleted()) {
                    throw ClientException.of(404, "not_found", doc == null ? "missing" : "deleted");
                }
                return Result.of(List.of(doc.winningDoc()));
            }
            case BY_IDS -> {
                List<ObjectNode> docs = new ArrayList<>();
                for (String id : new LinkedHashSet<>(q.ids())) {
                    ReplicaDoc doc = store.get(q.doctype(), id);
                    if (doc != null && !doc.winner().deleted()) {
                        docs.add(doc.winningDoc());
                    }
                }
                return Result.of(docs);
            }
            default -> {
                Q window = q.limit() == null ? q : q.limitBy(q.limit() + 1);
                List<ObjectNode> docs = Plan.of(window).evaluate(store.live(q.doctype()));
                boolean more = q.limit() != null && docs.size() > q.limit();
                return new Result(more ? docs.subList(0, q.limit()) : docs, more, null, null);
            }
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
    }

    /** Builds a replica link: its folder and doctypes. */
    public static final class Builder {
        private final StackLink server;
        private final Path dir;
        private final Set<String> doctypes = new LinkedHashSet<>();

        private Builder(StackLink server, Path dir) {
            this.server = server;
            this.dir = dir;
        }

        /** Doctypes to replicate; the token needs whole-doctype rights on them. */
        public Builder doctypes(String... names) {
            doctypes.addAll(List.of(names));
            return this;
        }

        public ReplicaLink build() {
            if (doctypes.isEmpty()) {
                throw new IllegalStateException("A replica needs at least one doctype");
            }
            Http http = new Http(
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(10))
                            .version(HttpClient.Version.HTTP_1_1)
                            .build(),
                    server.base(),
                    server.credentials(),
                    server.host());
            return new ReplicaLink(this, http::send, server.base() + "|" + server.host());
        }

        /** Builds over any server answering the replication requests (tests). */
        ReplicaLink build(Replicator.Remote remote, String endpoint) {
            return new ReplicaLink(this, remote, endpoint);
        }
    }
}
