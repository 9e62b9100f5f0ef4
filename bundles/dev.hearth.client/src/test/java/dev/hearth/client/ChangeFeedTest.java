package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.ChangeFeed;
import dev.hearth.client.internal.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client reads after its realtime socket was down: the changes since, deletions included. */
class ChangeFeedTest {
    static final String TODOS = "io.cozy.todos";
    static final Q OPEN = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");

    @TempDir
    Path dir;

    @Test
    void writesAndDeletionsMadeWhileNotListeningReachTheStoredQueries() {
        try (EngineLink server = new EngineLink(dir);
                HearthClient client = HearthClient.builder().link(server).build()) {
            List<ObjectNode> docs = server.put(TODOS, Docs.todos(6));
            ChangeFeed feed = new ChangeFeed(new EngineRemote(server::db));
            String seq = feed.now(TODOS);
            assertThat(client.query(OPEN, QueryOptions.as("open")).ids()).containsExactly("t05", "t01", "t02", "t04");

            ObjectNode tomb = Json.object()
                    .put("_id", "t02")
                    .put("_rev", docs.get(2).path("_rev").asText());
            tomb.put("_deleted", true);
            server.db(TODOS).save(tomb);
            server.put(TODOS, List.of(docs.get(4).deepCopy().put("done", true), Docs.todo("new", 0, false)));

            String reached = feed.since(TODOS, seq, client::applyChange);
            assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("new", "t05", "t01");
            assertThat(client.getDocument(TODOS, "t02")).isEmpty();
            assertThat(reached).isEqualTo(feed.now(TODOS)).isNotEqualTo(seq);
            assertThat(feed.now("io.cozy.never")).isEqualTo("0");
        }
    }
}
