package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica link in a client's chain, over the server's real engine: it passes queries on
 * until the doctype is synced, then answers them from the replica, also with the server cut off;
 * writes go to the replica and reach the server at the next sync.
 */
class ReplicaLinkTest {
    static final String TODOS = "io.cozy.todos";
    static final Q OPEN = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");

    @TempDir
    Path dir;

    EngineLink server;
    EngineRemote remote;
    final AtomicInteger forwarded = new AtomicInteger();

    @BeforeEach
    void open() {
        server = new EngineLink(dir.resolve("server"));
        remote = new EngineRemote(server::db);
    }

    @AfterEach
    void close() {
        server.close();
    }

    private ReplicaLink replica() {
        StackLink unused = new StackLink(URI.create("http://127.0.0.1:9/"), Credentials.bearer("unused"));
        return ReplicaLink.builder(unused, dir.resolve("replica"))
                .doctypes(TODOS)
                .build(remote, "engine");
    }

    private HearthClient client(ReplicaLink replica) {
        Link counting = (op, next) -> {
            if (remote.cut.get()) {
                throw new ClientException(0, "network", "Connection refused");
            }
            forwarded.incrementAndGet();
            return next.forward(op);
        };
        return HearthClient.builder().link(replica).link(counting).link(server).build();
    }

    @Test
    void queriesPassOnUntilTheDoctypeIsSyncedThenTheReplicaAnswersThemAsTheServerWould() {
        server.put(TODOS, Docs.todos(20));
        try (ReplicaLink replica = replica();
                HearthClient client = client(replica)) {
            QueryState before = client.query(OPEN, QueryOptions.as("open"));
            assertThat(forwarded.get()).isEqualTo(1);
            assertThat(replica.sync()).isTrue();
            assertThat(replica.synced(TODOS)).isTrue();

            QueryState after = client.query(OPEN.limitBy(5), QueryOptions.as("first5"));
            assertThat(forwarded.get()).as("answered by the replica").isEqualTo(1);
            assertThat(after.ids()).isEqualTo(before.ids().subList(0, 5));
            assertThat(after.hasMore()).isTrue();
            assertThat(client.fetchMore("first5").ids()).isEqualTo(before.ids().subList(0, 10));
            assertThat(client.query(Q.getById(TODOS, "t04"), QueryOptions.as("one"))
                            .ids())
                    .containsExactly("t04");
            assertThat(client.query(Q.of("io.cozy.notes"), QueryOptions.as("notes"))
                            .fetchStatus())
                    .isEqualTo(FetchStatus.LOADED);
            assertThat(forwarded.get()).as("other doctypes pass on").isEqualTo(2);
        }
    }

    @Test
    void offlineTheReplicaAnswersAndTakesWritesThatReachTheServerWithTheirRevisionsOnceBack() {
        server.put(TODOS, Docs.todos(6));
        try (ReplicaLink replica = replica();
                HearthClient client = client(replica)) {
            replica.attach(client);
            replica.sync();
            remote.cut.set(true);
            assertThat(replica.sync()).isFalse();
            assertThat(replica.online()).isFalse();

            QueryState open = client.query(OPEN, QueryOptions.as("open"));
            assertThat(open.fetchStatus()).isEqualTo(FetchStatus.LOADED);
            assertThat(open.ids()).hasSize(4);
            ObjectNode offline = client.save(TODOS, Docs.todo("offline", 0, false));
            assertThat(client.getQuery("open").orElseThrow().ids()).startsWith("offline");

            remote.cut.set(false);
            server.put(TODOS, List.of(Docs.todo("online", 0, false)));
            assertThat(replica.sync()).isTrue();
            assertThat(server.db(TODOS).get("offline", null, false).rev())
                    .isEqualTo(offline.path("_rev").asText());
            assertThat(client.getQuery("open").orElseThrow().ids())
                    .as("the server's write reached the stored query through the pull")
                    .contains("offline", "online");
        }
    }

    @Test
    void aReplicaNeverSyncedPassesWritesOnAndTakesThemWhenTheServerCannotBeReached() {
        try (ReplicaLink replica = replica();
                HearthClient client = client(replica)) {
            client.save(TODOS, Docs.todo("online", 1, false));
            assertThat(server.db(TODOS).get("online", null, false).rev()).startsWith("1-");
            assertThat(replica.fromReplica(OPEN).data())
                    .as("not in the replica before a pull")
                    .isEmpty();

            remote.cut.set(true);
            ObjectNode offline = client.save(TODOS, Docs.todo("offline", 0, false));
            assertThat(replica.online()).isFalse();
            assertThat(client.query(OPEN, QueryOptions.as("open")).ids())
                    .as("the replica's answer, with what the store already held")
                    .containsExactly("offline", "online");
            assertThat(replica.fromReplica(OPEN).data())
                    .extracting(d -> d.path("_id").asText())
                    .containsExactly("offline");
            assertThatThrownBy(() -> replica.fromReplica(Q.getById(TODOS, "nope")))
                    .isInstanceOf(ClientException.NotFoundException.class);

            remote.cut.set(false);
            assertThat(replica.sync()).isTrue();
            assertThat(replica.fromReplica(OPEN).data())
                    .extracting(d -> d.path("_id").asText())
                    .containsExactly("offline", "online");
            assertThat(server.db(TODOS).get("offline", null, false).rev())
                    .isEqualTo(offline.path("_rev").asText());
        }
    }

    @Test
    void aConflictIsShownWithItsLosingRevisionAndResolvedByDestroyingIt() {
        ObjectNode base = server.put(TODOS, List.of(Docs.todo("c", 1, false))).get(0);
        try (ReplicaLink replica = replica();
                HearthClient client = client(replica)) {
            replica.attach(client);
            replica.sync();
            ObjectNode mine = client.save(TODOS, base.deepCopy().put("label", "replica"));
            ObjectNode theirs = server.put(TODOS, List.of(base.deepCopy().put("label", "server")))
                    .get(0);
            replica.sync();

            String winner =
                    client.getDocument(TODOS, "c").orElseThrow().path("_rev").asText();
            List<ObjectNode> losers = replica.conflicts(TODOS, "c");
            assertThat(losers)
                    .singleElement()
                    .satisfies(l -> assertThat(l.path("_rev").asText())
                            .isNotEqualTo(winner)
                            .isIn(
                                    mine.path("_rev").asText(),
                                    theirs.path("_rev").asText()));
            assertThat(server.db(TODOS).get("c", null, true).conflicts()).hasSize(1);

            client.destroy(TODOS, losers.get(0));
            replica.sync();
            assertThat(replica.conflicts(TODOS, "c")).isEmpty();
            assertThat(server.db(TODOS).get("c", null, true).conflicts()).isEmpty();
            assertThat(server.db(TODOS).get("c", null, true).rev()).isEqualTo(winner);
        }
    }

    @Test
    void aStartedSyncPullsByItselfAndPushesRightAfterALocalWrite() throws InterruptedException {
        server.put(TODOS, Docs.todos(3));
        try (ReplicaLink replica = replica();
                HearthClient client = client(replica)) {
            replica.attach(client);
            replica.startSync(java.time.Duration.ofHours(1));
            await(() -> replica.synced(TODOS));
            assertThat(client.getDocument(TODOS, "t01")).isPresent();

            ObjectNode mine = client.save(TODOS, Docs.todo("mine", 0, false));
            await(() -> {
                try {
                    return server.db(TODOS)
                            .get("mine", null, false)
                            .rev()
                            .equals(mine.path("_rev").asText());
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            assertThatThrownBy(() -> replica.startSync(java.time.Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void theSyncedStateAndTheDocumentsOutliveTheLink() {
        server.put(TODOS, Docs.todos(6));
        try (ReplicaLink replica = replica()) {
            replica.sync();
        }
        remote.cut.set(true);
        try (ReplicaLink replica = replica();
                HearthClient client = client(replica)) {
            assertThat(replica.synced(TODOS)).isTrue();
            assertThat(client.query(OPEN, QueryOptions.as("open")).ids()).hasSize(4);
            assertThat(forwarded.get()).isZero();
        }
    }
}
