package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.mango.MangoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random documents, selectors, sorts, limits and offsets (fixed seeds), the store's
 * in-memory answer is exactly the server engine's {@code _find} answer, same documents in the
 * same order; and stored queries that follow random writes keep the answer a fresh query gives.
 */
class EquivalenceTest {
    static final String THINGS = "io.cozy.things";
    static final int DOCS = 80;

    @TempDir
    Path dir;

    EngineLink engine;
    HearthClient client;

    @BeforeEach
    void open() {
        engine = new EngineLink(dir);
        client = HearthClient.builder().link(engine).build();
    }

    @AfterEach
    void close() {
        client.close();
        engine.close();
    }

    private List<ObjectNode> server(Q q) {
        return engine.request(new Operation.Query(q), null).data();
    }

    private void fill(RandomMango r) {
        java.util.Map<String, ObjectNode> docs = new java.util.TreeMap<>();
        for (int i = 0; i < DOCS; i++) {
            String id = String.format("d%03d", r.random.nextInt(1000));
            if (client.getDocument(THINGS, id).isEmpty()) {
                docs.put(id, r.doc(id));
            }
        }
        engine.put(THINGS, List.copyOf(docs.values()));
        QueryState all = client.query(Q.of(THINGS).limitBy(1000), QueryOptions.as("all"));
        assertThat(all.ids()).isNotEmpty();
    }

    private Q randomQuery(RandomMango r) {
        Q q = Q.of(THINGS).where(r.selector(0));
        ArrayNode sort = r.sort();
        if (!sort.isEmpty()) {
            q = q.sortBy(sort);
        }
        if (r.random.nextInt(5) == 0) {
            q = q.partialIndex(r.selector(1));
        }
        if (r.random.nextInt(5) == 0) {
            java.util.LinkedHashSet<String> fields = new java.util.LinkedHashSet<>();
            sort.forEach(s -> fields.add(s.fieldNames().next()));
            fields.add(r.field());
            q = q.indexFields(fields.toArray(String[]::new));
        }
        q = q.limitBy(r.random.nextInt(3) == 0 ? 1 + r.random.nextInt(15) : 1000);
        if (r.random.nextInt(4) == 0) {
            q = q.offset(r.random.nextInt(6));
        }
        return q;
    }

    @Test
    void theStoreAnswersEveryRandomQueryExactlyAsTheServer() {
        int compared = 0;
        int nonEmpty = 0;
        for (long seed = 1; seed <= 4; seed++) {
            RandomMango r = new RandomMango(seed);
            fill(r);
            for (int i = 0; i < 150; i++) {
                Q q;
                try {
                    q = randomQuery(r);
                } catch (MangoException invalid) {
                    continue;
                }
                List<String> expected;
                try {
                    expected = Docs.ids(server(q));
                } catch (ClientException e) {
                    throw new AssertionError("seed " + seed + " query " + q, e);
                }
                assertThat(Docs.ids(client.executeFromStore(q)))
                        .as("seed %d query %s", seed, q)
                        .isEqualTo(expected);
                compared++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(500);
        assertThat(nonEmpty)
                .as("the generator makes queries that find something")
                .isGreaterThan(150);
    }

    @Test
    void storedQueriesFollowRandomWritesAsAFreshQueryWould() {
        RandomMango r = new RandomMango(42);
        fill(r);
        List<Q> stored = new ArrayList<>();
        while (stored.size() < 25) {
            try {
                Q q = Q.of(THINGS).where(r.selector(0)).limitBy(1000);
                ArrayNode sort = r.sort();
                stored.add(sort.isEmpty() ? q : q.sortBy(sort));
            } catch (MangoException invalid) {
                // another one
            }
        }
        for (int i = 0; i < stored.size(); i++) {
            client.query(stored.get(i), QueryOptions.as("q" + i));
        }
        for (int step = 0; step < 60; step++) {
            write(r);
            for (int i = 0; i < stored.size(); i++) {
                assertThat(client.getQuery("q" + i).orElseThrow().ids())
                        .as("step %d query %s", step, stored.get(i))
                        .isEqualTo(Docs.ids(server(stored.get(i))));
            }
        }
    }

    private void write(RandomMango r) {
        List<ObjectNode> held = new ArrayList<>(client.executeFromStore(Q.of(THINGS)));
        int kind = r.random.nextInt(3);
        if (kind == 0 || held.isEmpty()) {
            client.save(THINGS, r.doc("w" + r.random.nextInt(100_000)));
        } else {
            ObjectNode target = held.get(r.random.nextInt(held.size()));
            if (kind == 1) {
                ObjectNode next = r.doc(target.path("_id").asText());
                next.put("_rev", target.path("_rev").asText());
                client.save(THINGS, next);
            } else {
                client.destroy(THINGS, target);
            }
        }
    }
}
