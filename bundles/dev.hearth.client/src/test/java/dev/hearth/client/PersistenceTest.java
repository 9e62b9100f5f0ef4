package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store written to a file and read back by another client. */
class PersistenceTest {
    static final String TODOS = "io.cozy.todos";
    static final Q OPEN =
            Q.of(TODOS).where("{\"done\":false}").sortDescBy("priority").select("priority", "done");

    @TempDir
    Path dir;

    @Test
    void aRestoredStoreAnswersItsQueriesWithoutFetchingWhileTheyAreFresh() throws IOException {
        Path file = dir.resolve("store/client.json");
        TestClock clock = new TestClock();
        AtomicInteger fetches = new AtomicInteger();
        try (EngineLink engine = new EngineLink(dir.resolve("engine"))) {
            engine.put(TODOS, Docs.todos(12));
            Link counting = (op, next) -> {
                fetches.incrementAndGet();
                return next.forward(op);
            };
            QueryState before;
            try (HearthClient first =
                    HearthClient.builder().link(engine).clock(clock).build()) {
                first.query(OPEN, QueryOptions.as("open"));
                first.query(Q.getById(TODOS, "t01"), QueryOptions.as("one"));
                before = first.getQuery("open").orElseThrow();
                first.persistTo(file);
            }
            assertThat(Files.list(file.getParent())).containsExactly(file);

            try (HearthClient second = HearthClient.builder()
                    .link(counting)
                    .link(engine)
                    .clock(clock)
                    .build()) {
                second.restoreFrom(file);
                QueryOptions fresh = QueryOptions.as("open").fetchPolicy(FetchPolicy.olderThan(Duration.ofHours(1)));
                QueryState restored = second.query(OPEN, fresh);
                assertThat(fetches.get()).isZero();
                assertThat(restored.ids()).isEqualTo(before.ids());
                assertThat(restored.data()).isEqualTo(before.data());
                assertThat(second.getDocument(TODOS, "t01").orElseThrow().has("label"))
                        .isTrue();

                clock.advance(Duration.ofHours(1));
                assertThat(second.query(OPEN, fresh).ids()).isEqualTo(before.ids());
                assertThat(fetches.get()).isEqualTo(1);
            }
        }
    }

    @Test
    void aFileThatIsNotAStoreIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("other.json"), "{\"version\":7}");
        try (EngineLink engine = new EngineLink(dir.resolve("engine"));
                HearthClient client = HearthClient.builder().link(engine).build()) {
            assertThatThrownBy(() -> client.restoreFrom(file)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aDefinitionSurvivesItsJson() {
        Q q = Q.of(TODOS)
                .where("{\"a\":{\"$gt\":1}}")
                .partialIndex("{\"b\":true}")
                .indexFields("a", "c")
                .sortDescBy("a")
                .select("a")
                .limitBy(3)
                .offset(2)
                .offsetBookmark("bm");
        assertThat(Q.fromJson(q.toJson())).isEqualTo(q);
        assertThat(Q.fromJson(Q.getByIds(TODOS, "x", "y").toJson())).isEqualTo(Q.getByIds(TODOS, "x", "y"));
        assertThat(Q.fromJson(Q.getById(TODOS, "x").toJson())).isEqualTo(Q.getById(TODOS, "x"));
    }
}
