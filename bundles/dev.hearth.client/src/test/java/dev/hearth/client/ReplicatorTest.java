package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import dev.hearth.client.internal.ReplicaStore;
import dev.hearth.client.internal.Replicator;
import dev.hearth.datasystem.Revision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replication protocol between the replica and the server's real document engine. */
class ReplicatorTest {
    static final String TODOS = "io.cozy.todos";

    @TempDir
    Path dir;

    EngineLink server;
    EngineRemote remote;
    ReplicaStore store;
    Replicator replicator;
    final List<ObjectNode> pulled = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        server = new EngineLink(dir.resolve("server"));
        remote = new EngineRemote(server::db);
        store = ReplicaStore.open(dir.resolve("replica"));
        replicator = new Replicator(remote, store, "test-server");
    }

    @AfterEach
    void close() {
        store.close();
        server.close();
    }

    private Replicator.Outcome pull() {
        return replicator.pull(TODOS, (doctype, doc) -> pulled.add(doc));
    }

    private Revision onServer(String id) {
        return server.db(TODOS).get(id, null, true);
    }

    @Test
    void aPullBringsEveryRevisionAndAPushSendsLocalEditsWithTheirRevisions() {
        List<ObjectNode> docs = server.put(TODOS, Docs.todos(150));
        Replicator.Outcome first = pull();
        assertThat(first.docsRead()).isEqualTo(150);
        assertThat(store.live(TODOS)).hasSize(150);
        assertThat(store.get(TODOS, "t07").winner().rev())
                .isEqualTo(docs.get(7).path("_rev").asText());
        assertThat(pulled).hasSize(150);

        ObjectNode edited = store.edit(TODOS, docs.get(3).deepCopy().put("label", "edited offline"));
        ObjectNode created = store.edit(TODOS, Docs.todo("offline", 1, false));
        Replicator.Outcome pushed = replicator.push(TODOS);
        assertThat(pushed.docsWritten())
                .as("only what the server lacks is sent")
                .isEqualTo(2);
        assertThat(pushed.failures()).isZero();
        assertThat(onServer("t03").rev()).isEqualTo(edited.path("_rev").asText());
        assertThat(onServer("offline").rev()).isEqualTo(created.path("_rev").asText());
        assertThat(new String(onServer("t03").body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("edited offline");
    }

    @Test
    void checkpointsOnBothSidesLetTheNextRunStartWhereTheLastEnded() {
        server.put(TODOS, Docs.todos(10));
        pull();
        int bulkGets = remote.calls("_bulk_get");
        assertThat(pull().docsRead()).isZero();
        assertThat(remote.calls("_bulk_get")).isEqualTo(bulkGets);

        server.put(TODOS, List.of(Docs.todo("later", 0, false)));
        Replicator.Outcome next = pull();
        assertThat(next.docsRead()).isEqualTo(1);
        assertThat(next.docsWritten()).isEqualTo(1);

        store.edit(TODOS, Docs.todo("mine", 0, false));
        assertThat(replicator.push(TODOS).docsWritten()).isEqualTo(1);
        assertThat(replicator.push(TODOS).docsRead())
                .as("the push checkpoint holds")
                .isZero();
    }

    @Test
    void aSideThatLostItsCheckpointMakesTheRunStartOverWithoutRewritingAnything() {
        server.put(TODOS, Docs.todos(10));
        pull();
        // the server's _local documents are gone (a restored backup, say)
        server.db(TODOS).drop();
        server.db(TODOS).create();
        server.put(TODOS, Docs.todos(10));
        Replicator.Outcome again = pull();
        assertThat(again.docsRead()).as("no common checkpoint: from the start").isEqualTo(10);
        assertThat(again.docsWritten())
                .as("the same revisions are not fetched again")
                .isZero();
    }

    @Test
    void concurrentEditsOnBothSidesBecomeTheSameConflictWithTheSameWinner() {
        ObjectNode base = server.put(TODOS, List.of(Docs.todo("c", 1, false))).get(0);
        pull();
        ObjectNode mine = store.edit(TODOS, base.deepCopy().put("label", "replica"));
        ObjectNode theirs = server.put(TODOS, List.of(base.deepCopy().put("label", "server")))
                .get(0);

        pull();
        replicator.push(TODOS);
        String winner = store.get(TODOS, "c").winner().rev();
        assertThat(store.get(TODOS, "c").leaves())
                .extracting(l -> l.rev())
                .containsExactlyInAnyOrder(
                        mine.path("_rev").asText(), theirs.path("_rev").asText());
        Revision onServer = onServer("c");
        assertThat(onServer.rev()).isEqualTo(winner);
        assertThat(server.db(TODOS).get("c", mine.path("_rev").asText(), false).rev())
                .isEqualTo(mine.path("_rev").asText());

        // resolving the conflict on the replica (deleting the loser) reaches the server
        String loser = winner.equals(mine.path("_rev").asText())
                ? theirs.path("_rev").asText()
                : mine.path("_rev").asText();
        ObjectNode tomb = Json.object().put("_id", "c").put("_rev", loser);
        tomb.put("_deleted", true);
        store.edit(TODOS, tomb);
        replicator.push(TODOS);
        assertThat(onServer("c").rev()).isEqualTo(winner);
        assertThat(onServer("c").conflicts()).isEmpty();
    }

    @Test
    void aDeletionOnTheServerReachesTheReplicaAndItsListener() {
        ObjectNode doc = server.put(TODOS, List.of(Docs.todo("gone", 1, false))).get(0);
        pull();
        ObjectNode tomb =
                Json.object().put("_id", "gone").put("_rev", doc.path("_rev").asText());
        tomb.put("_deleted", true);
        server.db(TODOS).save(tomb);
        pulled.clear();
        pull();
        assertThat(store.live(TODOS)).isEmpty();
        assertThat(pulled)
                .singleElement()
                .satisfies(d -> assertThat(d.path("_deleted").asBoolean()).isTrue());
    }

    @Test
    void aDoctypeTheServerHasNeverSeenPullsNothingAndIsCreatedByThePush() {
        assertThat(pull().docsRead()).isZero();
        store.edit(TODOS, Docs.todo("first", 1, false));
        assertThat(replicator.push(TODOS).docsWritten()).isEqualTo(1);
        assertThat(server.db(TODOS).exists()).isTrue();
        assertThat(onServer("first").rev()).startsWith("1-");
    }
}
