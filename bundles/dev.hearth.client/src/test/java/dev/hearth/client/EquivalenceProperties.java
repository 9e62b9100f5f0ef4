package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The equivalence property with jqwik: the store's in-memory answer to a query is exactly what
 * the server's engine answers to {@code _find}, same documents in the same order. Once for any
 * query over a fixed set of 120 varied documents (many queries, cheaply), once for any documents
 * and any query, each try in a doctype of its own, so that a failure is shrunk to the fewest
 * documents and the smallest query that still disagree.
 */
class EquivalenceProperties {
    private static final AtomicInteger DOCTYPES = new AtomicInteger();
    private static final String FIXED = "io.cozy.fixed";
    private static Path dir;
    private static EngineLink engine;
    private static List<ObjectNode> fixed;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("equivalence");
        engine = new EngineLink(dir);
        RandomMango r = new RandomMango(7);
        java.util.Map<String, ObjectNode> docs = new java.util.TreeMap<>();
        for (int i = 0; i < 120; i++) {
            String id = String.format("d%03d", i);
            docs.put(id, r.doc(id));
        }
        fixed = engine.put(FIXED, List.copyOf(docs.values()));
    }

    @AfterContainer
    static void close() throws IOException {
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<List<ObjectNode>> documents() {
        return MangoArbitraries.documents();
    }

    @Provide
    Arbitrary<MangoArbitraries.QuerySpec> queries() {
        return MangoArbitraries.queries();
    }

    @Property(tries = 400)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void anyQueryOnManyDocumentsIsAnsweredAsTheServerAnswersIt(@ForAll("queries") MangoArbitraries.QuerySpec spec) {
        Q q = spec.on(FIXED);
        List<String> server =
                Docs.ids(engine.request(new Operation.Query(q), null).data());
        assertThat(Docs.ids(Plan.of(q).evaluate(fixed))).as("%s", q).isEqualTo(server);
        Statistics.collect(server.isEmpty() ? "nothing found" : "something found");
        Statistics.coverage(c -> c.check("something found").percentage(p -> p >= 10));
    }

    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void anyDocumentsAndAnyQueryShrinkToASmallCaseWhenTheyDisagree(
            @ForAll("documents") List<ObjectNode> bodies, @ForAll("queries") MangoArbitraries.QuerySpec spec) {
        String doctype = "io.cozy.prop" + DOCTYPES.incrementAndGet();
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            docs.add(bodies.get(i).deepCopy().put("_id", String.format("d%02d", i)));
        }
        List<ObjectNode> saved = engine.put(doctype, docs);
        Q q = spec.on(doctype);
        List<String> server =
                Docs.ids(engine.request(new Operation.Query(q), null).data());
        try (HearthClient client = HearthClient.builder().link(engine).build()) {
            client.load(doctype, saved);
            assertThat(Docs.ids(client.executeFromStore(q))).as("%s", q).isEqualTo(server);
        }
        Statistics.collect(server.isEmpty() ? "nothing found" : "something found");
        Statistics.coverage(c -> c.check("something found").percentage(p -> p >= 5));
    }
}
