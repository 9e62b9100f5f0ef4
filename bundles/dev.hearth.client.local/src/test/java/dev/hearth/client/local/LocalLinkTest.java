package dev.hearth.client.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.client.ClientException;
import dev.hearth.client.FetchStatus;
import dev.hearth.client.HearthClient;
import dev.hearth.client.Q;
import dev.hearth.client.QueryOptions;
import dev.hearth.client.QueryState;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local link on real stores: queries, writes, conflicts, and the permission set's limits. */
class LocalLinkTest {
    static final String ALICE = "alice.localhost";
    static final String TODOS = "io.cozy.todos";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestData data;

    @BeforeEach
    void open() {
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(ALICE));
    }

    @AfterEach
    void close() {
        data.close();
    }

    private HearthClient client(String scope) {
        return HearthClient.builder()
                .link(new LocalLink(data.service(), ALICE, PermissionSet.parseScope(scope)))
                .build();
    }

    private static ObjectNode todo(String id, int priority, boolean done) {
        return JSON.createObjectNode().put("_id", id).put("priority", priority).put("done", done);
    }

    @Test
    void queriesAndWritesRunInProcessAndTheQueriesFollow() {
        try (HearthClient client = client(TODOS)) {
            for (int i = 0; i < 6; i++) {
                client.save(TODOS, todo("t" + i, 5 - i, i % 2 == 0));
            }
            Q open = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");
            QueryState s = client.query(open, QueryOptions.as("open"));
            assertThat(s.fetchStatus()).as("%s", s.lastError()).isEqualTo(FetchStatus.LOADED);
            assertThat(s.ids()).containsExactly("t5", "t3", "t1");

            ObjectNode t5 = client.getDocument(TODOS, "t5").orElseThrow().deepCopy();
            client.save(TODOS, t5.deepCopy().put("done", true));
            assertThat(client.getQuery("open").orElseThrow().ids()).containsExactly("t3", "t1");
            assertThatThrownBy(() -> client.save(TODOS, t5.put("label", "stale")))
                    .isInstanceOf(ClientException.ConflictException.class);
        }
    }

    @Test
    void thePermissionSetAndReservedDoctypesLimitWhatRuns() {
        try (HearthClient writer = client(TODOS)) {
            writer.save(TODOS, todo("t1", 1, false));
        }
        try (HearthClient reader = client(TODOS + ":GET")) {
            assertThat(reader.query(Q.of(TODOS), QueryOptions.as("all")).ids()).containsExactly("t1");
            assertThatThrownBy(() -> reader.save(TODOS, todo("t2", 1, false)))
                    .isInstanceOf(ClientException.ForbiddenException.class);
            assertThat(reader.query(Q.of("io.cozy.notes"), QueryOptions.as("notes"))
                            .lastError())
                    .isInstanceOf(ClientException.ForbiddenException.class);
            assertThat(reader.query(Q.of("io.cozy.sessions"), QueryOptions.as("sessions"))
                            .lastError())
                    .isInstanceOf(ClientException.ForbiddenException.class);
        }
    }
}
