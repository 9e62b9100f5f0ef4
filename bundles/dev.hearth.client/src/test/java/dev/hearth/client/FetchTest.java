package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch policies, de-duplication, background fetching and merging, with a clock and a gate. */
class FetchTest {
    static final String TODOS = "io.cozy.todos";
    static final Q ALL = Q.of(TODOS).where("{\"priority\":{\"$gte\":0}}").sortBy("priority");

    @TempDir
    Path dir;

    EngineLink engine;
    TestClock clock = new TestClock();
    AtomicInteger queries = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    HearthClient client;

    @BeforeEach
    void open() {
        engine = new EngineLink(dir);
        engine.put(TODOS, Docs.todos(10));
        Link counting = (op, next) -> {
            if (op instanceof Operation.Query) {
                queries.incrementAndGet();
                await(gate);
            }
            return next.forward(op);
        };
        client = HearthClient.builder().link(counting).link(engine).clock(clock).build();
    }

    @AfterEach
    void close() {
        gate.countDown();
        client.close();
        engine.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void olderThanFetchesAgainOnlyOnceTheLastFetchIsThatOld() {
        QueryOptions options = QueryOptions.as("all").fetchPolicy(FetchPolicy.olderThan(Duration.ofMinutes(5)));
        client.query(ALL, options);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        QueryState cached = client.query(ALL, options);
        assertThat(queries.get()).isEqualTo(1);
        assertThat(cached.ids()).hasSize(10);

        clock.advance(Duration.ofSeconds(1));
        QueryState refetched = client.query(ALL, options);
        assertThat(queries.get()).isEqualTo(2);
        assertThat(refetched.lastFetch()).isEqualTo(clock.instant());
    }

    @Test
    void aQueryAskedWhileItIsLoadingIsFetchedOnce() throws Exception {
        gate = new CountDownLatch(1);
        CompletableFuture<QueryState> first = client.queryAsync(ALL, QueryOptions.as("all"));
        CompletableFuture<QueryState> second = client.queryAsync(ALL, QueryOptions.as("all"));
        assertThat(second).isSameAs(first);
        assertThat(client.getQuery("all").orElseThrow().fetchStatus()).isEqualTo(FetchStatus.LOADING);

        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).ids()).hasSize(10);
        assertThat(queries.get()).isEqualTo(1);
        client.query(ALL, QueryOptions.as("all"));
        assertThat(queries.get()).as("once loaded, asking again fetches again").isEqualTo(2);
    }

    @Test
    void backgroundFetchingKeepsALoadedQueryLoadedWhileItRefetches() throws Exception {
        client.query(ALL, QueryOptions.as("bg"));
        client.query(ALL, QueryOptions.as("fg"));
        gate = new CountDownLatch(1);

        CompletableFuture<QueryState> bg =
                client.queryAsync(ALL, QueryOptions.as("bg").backgroundFetching(true));
        CompletableFuture<QueryState> fg = client.queryAsync(ALL, QueryOptions.as("fg"));
        QueryState during = client.getQuery("bg").orElseThrow();
        assertThat(during.fetchStatus()).isEqualTo(FetchStatus.LOADED);
        assertThat(during.fetching()).isTrue();
        assertThat(during.ids()).hasSize(10);
        assertThat(client.getQuery("fg").orElseThrow().fetchStatus()).isEqualTo(FetchStatus.LOADING);

        gate.countDown();
        assertThat(bg.get(10, TimeUnit.SECONDS).fetching()).isFalse();
        assertThat(fg.get(10, TimeUnit.SECONDS).fetchStatus()).isEqualTo(FetchStatus.LOADED);
    }

    @Test
    void aPartialDocumentIsMergedWithoutLosingTheFieldsAlreadyHeld() {
        client.query(Q.getById(TODOS, "t01"), QueryOptions.as("one"));
        ObjectNode full = client.getDocument(TODOS, "t01").orElseThrow();
        assertThat(full.has("label")).isTrue();

        QueryState partial = client.query(ALL.select("priority"), QueryOptions.as("partial"));
        assertThat(partial.ids()).hasSize(10);
        ObjectNode merged = client.getDocument(TODOS, "t01").orElseThrow();
        assertThat(merged).isEqualTo(full);
        ObjectNode onlyPartial = client.getDocument(TODOS, "t02").orElseThrow();
        assertThat(onlyPartial.has("label")).isFalse();
        assertThat(onlyPartial.path("priority").asInt()).isEqualTo(2);
    }

    @Test
    void anOlderRevisionArrivingLateIsIgnoredAndANewerOneReplaces() {
        client.query(ALL, QueryOptions.as("all"));
        ObjectNode t01 = client.getDocument(TODOS, "t01").orElseThrow().deepCopy();
        ObjectNode newer = client.save(TODOS, t01.deepCopy().put("label", "newer"));
        List<QueryState> seen = new CopyOnWriteArrayList<>();
        client.watch("all", seen::add);

        client.applyChange(TODOS, t01);
        assertThat(client.getDocument(TODOS, "t01").orElseThrow()).isEqualTo(newer);
        assertThat(seen).isEmpty();

        ObjectNode deleted = newer.deepCopy().put("_rev", "9-zz").put("_deleted", true);
        client.applyChange(TODOS, deleted);
        assertThat(client.getDocument(TODOS, "t01")).isEmpty();
        assertThat(seen)
                .singleElement()
                .satisfies(s -> assertThat(s.ids()).hasSize(9).doesNotContain("t01"));
    }
}
