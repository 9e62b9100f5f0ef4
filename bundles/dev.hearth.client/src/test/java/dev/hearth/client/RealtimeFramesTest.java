package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.internal.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Realtime frames, as the server sends them, change the store and its queries. */
class RealtimeFramesTest {
    static final String TODOS = "io.cozy.todos";
    static final Q OPEN = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");

    @TempDir
    Path dir;

    EngineLink engine;
    HearthClient client;

    @BeforeEach
    void open() {
        engine = new EngineLink(dir);
        engine.put(TODOS, Docs.todos(6));
        client = HearthClient.builder().link(engine).build();
        client.query(OPEN, QueryOptions.as("open"));
    }

    @AfterEach
    void close() {
        client.close();
        engine.close();
    }

    @Test
    void createdUpdatedAndDeletedEventsFollowTheQueries() {
        List<QueryState> seen = new CopyOnWriteArrayList<>();
        client.watch("open", seen::add);
        assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("t05", "t01", "t02", "t04");

        Realtime.dispatch(
                client,
                Json.parse("{\"event\":\"CREATED\",\"payload\":{\"type\":\"io.cozy.todos\","
                        + "\"id\":\"r1\",\"doc\":{\"_id\":\"r1\",\"_rev\":\"1-a\",\"done\":false,\"priority\":0}}}"));
        assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("r1", "t05", "t01", "t02", "t04");

        Realtime.dispatch(
                client,
                Json.parse("{\"event\":\"UPDATED\",\"payload\":{\"type\":\"io.cozy.todos\","
                        + "\"id\":\"r1\",\"doc\":{\"_id\":\"r1\",\"_rev\":\"2-b\",\"done\":false,\"priority\":9}}}"));
        assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("t05", "t01", "t02", "t04", "r1");

        Realtime.dispatch(
                client,
                Json.parse("{\"event\":\"DELETED\",\"payload\":{\"type\":\"io.cozy.todos\","
                        + "\"id\":\"r1\",\"doc\":{\"_id\":\"r1\",\"_rev\":\"3-c\"}}}"));
        assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("t05", "t01", "t02", "t04");
        assertThat(client.getDocument(TODOS, "r1")).isEmpty();
        assertThat(seen).hasSize(3);
    }

    @Test
    void notifiedEventsChangeNothingAndErrorsAreReported() {
        assertThat(Realtime.dispatch(
                        client,
                        Json.parse("{\"event\":\"NOTIFIED\",\"payload\":{\"type\":"
                                + "\"io.cozy.todos\",\"id\":\"t01\",\"doc\":{\"_id\":\"t01\",\"_rev\":\"9-z\"}}}")))
                .isNull();
        assertThat(client.getDocument(TODOS, "t01").orElseThrow().path("label").asText())
                .isEqualTo("todo t01");
        assertThat(Realtime.dispatch(
                                client, Json.parse("{\"event\":\"error\",\"payload\":{\"status\":\"403 Forbidden\"}}"))
                        .path("status")
                        .asText())
                .isEqualTo("403 Forbidden");
    }
}
