package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Documents;
import dev.hearth.client.internal.Persistence;
import dev.hearth.client.internal.StoredQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The client: runs query definitions and mutations through its links and keeps their answers in
 * a normalized store. Each stored query follows the store: after every result, mutation and
 * realtime change, the changed documents are matched against every stored query of their doctype
 * with the server's own Mango engine, and the queries' ids updated in the server's order. Each
 * observer of a query sees each change of it once. Thread safe; observers are called under the
 * store's lock and must be quick.
 */
public final class HearthClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HearthClient.class.getName());

    private final Link.Chain chain;
    private final Clock clock;
    private final Executor executor;
    private final @Nullable ExecutorService ownExecutor;
    private final Object lock = new Object();
    private final Documents docs = new Documents();
    private final Map<String, StoredQuery> queries = new LinkedHashMap<>();
    private final Map<String, List<StoredQuery>> byDoctype = new HashMap<>();
    private final Map<String, CompletableFuture<QueryState>> inFlight = new HashMap<>();
    private final Map<String, List<Consumer<QueryState>>> observers = new HashMap<>();
    private final List<Consumer<String>> doctypeListeners = new CopyOnWriteArrayList<>();

    private HearthClient(Builder b) {
        this.chain = Link.chain(b.links);
        this.clock = b.clock;
        this.ownExecutor = b.executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.executor = b.executor == null ? ownExecutor : b.executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fetches (or not, per its policy) and stores a query; waits for it. A failed fetch is in the state. */
    public QueryState query(Q definition, QueryOptions options) {
        try {
            return queryAsync(definition, options).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** {@link #query(Q, QueryOptions)} with a name derived from the definition (and a warning). */
    public QueryState query(Q definition) {
        return query(definition, QueryOptions.defaults());
    }

    /**
     * Fetches and stores a query without waiting. Asking again for a query whose fetch is running
     * returns that same fetch: the server is asked once.
     */
    public CompletableFuture<QueryState> queryAsync(Q definition, QueryOptions options) {
        String name = nameOf(definition, options);
        CompletableFuture<QueryState> fetch;
        synchronized (lock) {
            StoredQuery sq = stored(name, definition);
            if (options.executeFromStore()) {
                sq.status = FetchStatus.LOADED;
                sq.hasMore = false;
                sq.unbounded();
                sq.lastUpdate = clock.instant();
                notify(Set.of(sq));
                return CompletableFuture.completedFuture(sq.snapshot(docs));
            }
            CompletableFuture<QueryState> running = inFlight.get(name);
            if (running != null) {
                return running;
            }
            if (sq.status == FetchStatus.LOADED
                    && !options.fetchPolicy().shouldFetch(sq.snapshot(docs), clock.instant())) {
                return CompletableFuture.completedFuture(sq.snapshot(docs));
            }
            if (sq.status != FetchStatus.LOADED || !options.backgroundFetching()) {
                sq.status = FetchStatus.LOADING;
            }
            sq.fetching = true;
            fetch = new CompletableFuture<>();
            inFlight.put(name, fetch);
            notify(Set.of(sq));
        }
        executor.execute(() -> run(sq(name), definition, true, fetch));
        return fetch;
    }

    /** Fetches the next page of a stored query and adds it to the query's ids. */
    public QueryState fetchMore(String name) {
        Q next;
        StoredQuery sq;
        synchronized (lock) {
            sq = sq(name);
            if (!sq.hasMore) {
                return sq.snapshot(docs);
            }
            Q def = sq.plan().query();
            next = sq.bookmark != null
                    ? def.offsetBookmark(sq.bookmark)
                    : def.offset(def.skip() + sq.ids().size());
            sq.fetching = true;
        }
        CompletableFuture<QueryState> page = new CompletableFuture<>();
        run(sq, next, false, page);
        return page.join();
    }

    private void run(StoredQuery sq, Q definition, boolean firstPage, CompletableFuture<QueryState> done) {
        try {
            Result result = chain.forward(new Operation.Query(definition));
            done.complete(received(sq, definition, result, firstPage));
        } catch (RuntimeException e) {
            ClientException error =
                    e instanceof ClientException c ? c : new ClientException(0, "error", e.toString(), e);
            done.complete(failed(sq, error));
        }
    }

    private QueryState received(StoredQuery sq, Q definition, Result result, boolean firstPage) {
        synchronized (lock) {
            Set<StoredQuery> changed =
                    apply(docs.applyAll(definition.doctype(), result.data(), definition.fields() != null));
            boolean wasShown = sq.shown();
            List<String> before = sq.ids();
            sq.status = FetchStatus.LOADED;
            sq.fetching = false;
            sq.lastFetch = clock.instant();
            sq.lastError = null;
            sq.hasMore = result.next();
            sq.bookmark = result.bookmark();
            sq.serverCount = result.count();
            sq.window(result.data(), firstPage, result.next());
            if (!wasShown || !before.equals(sq.ids())) {
                sq.lastUpdate = clock.instant();
            }
            inFlight.remove(sq.name());
            changed.add(sq);
            notify(changed);
            return sq.snapshot(docs);
        }
    }

    private QueryState failed(StoredQuery sq, ClientException error) {
        synchronized (lock) {
            sq.status = FetchStatus.FAILED;
            sq.fetching = false;
            sq.lastError = error;
            inFlight.remove(sq.name());
            notify(Set.of(sq));
            return sq.snapshot(docs);
        }
    }

    /** Creates or updates a document through the links, then updates the store and its queries. */
    public ObjectNode save(String doctype, ObjectNode doc) {
        Result result = chain.forward(new Operation.Save(doctype, doc));
        ObjectNode saved = result.data().get(0);
        applyChange(doctype, saved);
        return saved;
    }

    /** Deletes a document (at its {@code _rev}) through the links, then removes it from the store. */
    public ObjectNode destroy(String doctype, ObjectNode doc) {
        Result result = chain.forward(new Operation.Destroy(doctype, doc));
        ObjectNode gone = result.data().get(0);
        applyChange(doctype, gone);
        return gone;
    }

    /** Applies a document as the server now has it ({@code _deleted} removes it), as realtime events do. */
    public void applyChange(String doctype, ObjectNode doc) {
        synchronized (lock) {
            notify(apply(docs.apply(doctype, doc, false).stream().toList()));
        }
    }

    /** Puts documents into the store without a query (a cache loaded from elsewhere). */
    public void load(String doctype, Iterable<ObjectNode> documents) {
        synchronized (lock) {
            notify(apply(docs.applyAll(doctype, documents, false)));
        }
    }

    private Set<StoredQuery> apply(List<Documents.Change> changes) {
        Set<StoredQuery> changed = new LinkedHashSet<>();
        for (Documents.Change change : changes) {
            for (StoredQuery sq : byDoctype.getOrDefault(change.doctype(), List.of())) {
                if (sq.update(change.id(), change.doc()) && sq.shown()) {
                    sq.lastUpdate = clock.instant();
                    changed.add(sq);
                }
            }
        }
        return changed;
    }

    /** Writes every held document and stored query (name, definition, last fetch) to {@code file}, atomically. */
    public void persistTo(Path file) throws IOException {
        Map<String, List<ObjectNode>> held;
        List<Persistence.SavedQuery> saved = new ArrayList<>();
        synchronized (lock) {
            held = docs.snapshot();
            queries.values()
                    .forEach(sq -> saved.add(new Persistence.SavedQuery(
                            sq.name(), sq.plan().query().toJson(), sq.lastFetch)));
        }
        Persistence.write(file, held, saved);
    }

    /**
     * Loads what {@link #persistTo} wrote. The queries come back {@code LOADED} from the store with
     * their last fetch, so that fetch policies carry over a restart.
     */
    public void restoreFrom(Path file) throws IOException {
        Persistence.Saved saved = Persistence.read(file);
        synchronized (lock) {
            saved.documents().forEach((doctype, list) -> notify(apply(docs.applyAll(doctype, list, false))));
            for (Persistence.SavedQuery q : saved.queries()) {
                StoredQuery sq = stored(q.name(), Q.fromJson(q.definition()));
                sq.status = FetchStatus.LOADED;
                sq.unbounded();
                sq.lastFetch = q.lastFetch();
                sq.lastUpdate = clock.instant();
            }
        }
    }

    /** Runs a definition on the store alone, exactly as the server would on the same documents. */
    public List<ObjectNode> executeFromStore(Q definition) {
        synchronized (lock) {
            return Plan.of(definition).evaluate(docs.all(definition.doctype()));
        }
    }

    public Optional<QueryState> getQuery(String name) {
        synchronized (lock) {
            StoredQuery sq = queries.get(name);
            return sq == null ? Optional.empty() : Optional.of(sq.snapshot(docs));
        }
    }

    public Optional<ObjectNode> getDocument(String doctype, String id) {
        synchronized (lock) {
            return Optional.ofNullable(docs.get(doctype, id));
        }
    }

    /** Calls {@code observer} with each new state of the query; close the handle to stop. */
    public AutoCloseable watch(String name, Consumer<QueryState> observer) {
        synchronized (lock) {
            observers.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(observer);
        }
        return () -> {
            synchronized (lock) {
                observers.getOrDefault(name, List.of()).remove(observer);
            }
        };
    }

    /** The doctypes of the stored queries. */
    public Set<String> doctypes() {
        synchronized (lock) {
            return Set.copyOf(byDoctype.keySet());
        }
    }

    /** Calls {@code listener} with each doctype that gets its first stored query (for realtime). */
    public void onNewDoctype(Consumer<String> listener) {
        doctypeListeners.add(listener);
    }

    private void notify(Set<StoredQuery> changed) {
        for (StoredQuery sq : changed) {
            List<Consumer<QueryState>> watching = observers.get(sq.name());
            if (watching != null && !watching.isEmpty()) {
                QueryState state = sq.snapshot(docs);
                watching.forEach(o -> o.accept(state));
            }
        }
    }

    private StoredQuery stored(String name, Q definition) {
        StoredQuery sq = queries.get(name);
        if (sq != null && sq.plan().query().equals(definition)) {
            return sq;
        }
        if (sq != null) {
            byDoctype.get(sq.doctype()).remove(sq);
        }
        sq = new StoredQuery(name, definition, docs.all(definition.doctype()));
        queries.put(name, sq);
        boolean first = !byDoctype.containsKey(definition.doctype());
        byDoctype.computeIfAbsent(definition.doctype(), t -> new ArrayList<>()).add(sq);
        if (first) {
            doctypeListeners.forEach(l -> l.accept(definition.doctype()));
        }
        return sq;
    }

    private StoredQuery sq(String name) {
        synchronized (lock) {
            StoredQuery sq = queries.get(name);
            if (sq == null) {
                throw new IllegalArgumentException("No stored query named " + name);
            }
            return sq;
        }
    }

    private static String nameOf(Q definition, QueryOptions options) {
        if (options.as() != null) {
            return options.as();
        }
        String name = definition.toString();
        LOG.log(System.Logger.Level.WARNING, "A query without a name (as) is stored under its definition: {0}", name);
        return name;
    }

    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** Builds a client: its links (first asked first), clock and executor. */
    public static final class Builder {
        private final List<Link> links = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private @Nullable Executor executor;

        public Builder link(Link link) {
            links.add(link);
            return this;
        }

        /** The clock of fetch policies and of {@code lastFetch}/{@code lastUpdate}. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Where fetches run (by default a virtual thread each). */
        public Builder executor(Executor e) {
            this.executor = e;
            return this;
        }

        public HearthClient build() {
            if (links.isEmpty()) {
                throw new IllegalStateException("A client needs at least one link");
            }
            return new HearthClient(this);
        }
    }
}
