package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries, mutations and the queries that follow them, over the real engine. */
class HearthClientTest {
    static final String TODOS = "io.cozy.todos";
    static final Q OPEN_BY_PRIORITY = Q.of(TODOS).where("{\"done\":false}").sortBy("priority");

    @TempDir
    Path dir;

    EngineLink engine;
    HearthClient client;

    @BeforeEach
    void open() {
        engine = new EngineLink(dir);
        engine.put(TODOS, Docs.todos(30));
        client = HearthClient.builder().link(engine).build();
    }

    @AfterEach
    void close() {
        client.close();
        engine.close();
    }

    @Test
    void aQueryLoadsTheServersAnswerAndObserversSeeEachStateOnce() {
        List<QueryState> seen = new CopyOnWriteArrayList<>();
        client.watch("open", seen::add);

        QueryState s = client.query(OPEN_BY_PRIORITY, QueryOptions.as("open"));

        assertThat(s.fetchStatus()).as("%s", s.lastError()).isEqualTo(FetchStatus.LOADED);
        assertThat(s.ids()).hasSize(20);
        assertThat(s.data())
                .allSatisfy(d -> assertThat(d.path("done").asBoolean()).isFalse());
        assertThat(s.data().stream().map(d -> d.path("priority").asInt()).toList())
                .isSorted();
        assertThat(s.lastFetch()).isNotNull();
        assertThat(s.hasMore()).isFalse();
        assertThat(seen.stream().map(QueryState::fetchStatus)).containsExactly(FetchStatus.LOADING, FetchStatus.LOADED);
    }

    @Test
    void theMissingIndexIsCreatedOnceThenUsed() {
        client.query(OPEN_BY_PRIORITY, QueryOptions.as("a"));
        client.query(OPEN_BY_PRIORITY.limitBy(5), QueryOptions.as("b"));
        assertThat(engine.indexes.get()).isEqualTo(1);
        assertThat(engine.finds.get()).isEqualTo(3);
    }

    @Test
    void aSavedDocumentEntersTheQueryAtItsPlaceAndLeavesItWhenItNoLongerMatches() {
        client.query(OPEN_BY_PRIORITY, QueryOptions.as("open"));
        List<QueryState> seen = new CopyOnWriteArrayList<>();
        client.watch("open", seen::add);

        ObjectNode created = client.save(TODOS, Docs.todo("a-new", 2, false));
        QueryState s = client.getQuery("open").orElseThrow();
        assertThat(s.ids()).hasSize(21).contains("a-new");
        assertThat(s.ids())
                .isEqualTo(Docs.ids(client.executeFromStore(OPEN_BY_PRIORITY)))
                .isEqualTo(Docs.ids(engine.request(new Operation.Query(OPEN_BY_PRIORITY), null)
                        .data()));

        ObjectNode done = created.deepCopy().put("done", true);
        ObjectNode updated = client.save(TODOS, done);
        assertThat(client.getQuery("open").orElseThrow().ids()).hasSize(20).doesNotContain("a-new");

        client.destroy(TODOS, updated);
        assertThat(client.getDocument(TODOS, "a-new")).isEmpty();
        assertThat(seen).hasSize(2);
    }

    @Test
    void aChangeToADocumentOfTheQueryIsSeenOnceEvenWithoutAMoveAndOtherDoctypesAreNotSeen() {
        client.query(OPEN_BY_PRIORITY, QueryOptions.as("open"));
        List<QueryState> seen = new CopyOnWriteArrayList<>();
        client.watch("open", seen::add);
        ObjectNode t01 = client.getDocument(TODOS, "t01").orElseThrow().deepCopy();

        client.save(TODOS, t01.put("label", "renamed"));
        client.save("io.cozy.notes", Docs.todo("n1", 1, false));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).data().stream()
                        .filter(d -> d.path("_id").asText().equals("t01")))
                .singleElement()
                .satisfies(d -> assertThat(d.path("label").asText()).isEqualTo("renamed"));
    }

    @Test
    void aWriteOnAStaleRevisionIsAConflictAndLeavesTheStoreAsItWas() {
        client.query(OPEN_BY_PRIORITY, QueryOptions.as("open"));
        ObjectNode t01 = client.getDocument(TODOS, "t01").orElseThrow().deepCopy();
        client.save(TODOS, t01.deepCopy().put("label", "first"));

        assertThatThrownBy(() -> client.save(TODOS, t01.put("label", "second")))
                .isInstanceOf(ClientException.ConflictException.class)
                .satisfies(e -> assertThat(((ClientException) e).status()).isEqualTo(409));
        assertThat(client.getDocument(TODOS, "t01").orElseThrow().path("label").asText())
                .isEqualTo("first");
    }

    @Test
    void aFailedFetchIsInTheState() {
        QueryState s = client.query(Q.getById(TODOS, "nope"), QueryOptions.as("nope"));
        assertThat(s.fetchStatus()).isEqualTo(FetchStatus.FAILED);
        assertThat(s.lastError()).isInstanceOf(ClientException.NotFoundException.class);
        assertThat(s.ids()).isEmpty();
    }

    @Test
    void fetchMoreAddsPagesUntilTheServerHasNoMore() {
        Q paged = OPEN_BY_PRIORITY.limitBy(8);
        QueryState first = client.query(paged, QueryOptions.as("paged"));
        assertThat(first.ids()).hasSize(8);
        assertThat(first.hasMore()).isTrue();

        assertThat(client.fetchMore("paged").ids()).hasSize(16);
        QueryState last = client.fetchMore("paged");
        assertThat(last.ids()).hasSize(20).isEqualTo(Docs.ids(client.executeFromStore(OPEN_BY_PRIORITY)));
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void whileTheServerHasMoreADocumentAfterTheLastOneFetchedIsNotShown() {
        Q paged = OPEN_BY_PRIORITY.limitBy(8);
        List<String> before = client.query(paged, QueryOptions.as("paged")).ids();

        client.save(TODOS, Docs.todo("late", 4, false));
        assertThat(client.getQuery("paged").orElseThrow().ids()).isEqualTo(before);

        client.save(TODOS, Docs.todo("early", 0, false));
        List<String> after = client.getQuery("paged").orElseThrow().ids();
        assertThat(after).hasSize(9).startsWith("early");
    }

    @Test
    void executeFromStoreAsksNoLinkAndGivesTheServersAnswerOnTheStoredDocuments() {
        client.query(Q.of(TODOS).limitBy(1000), QueryOptions.as("all"));
        int finds = engine.finds.get();
        Q q = Q.of(TODOS)
                .where("{\"priority\":{\"$gte\":2}}")
                .sortDescBy("priority")
                .limitBy(7)
                .offset(2);

        QueryState fromStore = client.query(q, QueryOptions.as("local").executeFromStore(true));

        assertThat(engine.finds.get()).isEqualTo(finds);
        assertThat(fromStore.fetchStatus()).isEqualTo(FetchStatus.LOADED);
        assertThat(client.executeFromStore(q))
                .isEqualTo(engine.request(new Operation.Query(q), null).data());
    }

    @Test
    void linksAreAskedInOrderAndMayAnswerOrForward() {
        List<String> asked = new CopyOnWriteArrayList<>();
        Link notes = (op, next) -> {
            asked.add(op.doctype());
            return op.doctype().equals("io.cozy.notes")
                    ? Result.of(List.of(Docs.todo("n1", 1, false)))
                    : next.forward(op);
        };
        try (HearthClient chained =
                HearthClient.builder().link(notes).link(engine).build()) {
            assertThat(chained.query(Q.of("io.cozy.notes"), QueryOptions.as("n"))
                            .ids())
                    .containsExactly("n1");
            assertThat(chained.query(Q.of(TODOS), QueryOptions.as("t")).ids()).hasSize(30);
        }
        assertThat(asked).containsExactly("io.cozy.notes", TODOS);
    }
}
