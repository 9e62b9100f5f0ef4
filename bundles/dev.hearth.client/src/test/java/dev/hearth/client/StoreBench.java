package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (run by bench/client-store.sh, not a test): a store of 10,000 documents and 100
 * stored queries; the time to apply one mutation and re-evaluate every stored query, as the
 * median and 99th percentile over many mutations after a warm-up.
 */
public final class StoreBench {
    static final String T = "io.cozy.bench";

    private StoreBench() {}

    public static void main(String[] args) {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Random random = new Random(7);
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            all.add(doc(random, "d" + i, 1));
        }
        Link memory = (op, next) -> op instanceof Operation.Query q
                ? Result.of(Plan.of(q.definition()).evaluate(all))
                : Result.of(List.of(((Operation.Save) op).doc()));
        try (HearthClient client = HearthClient.builder().link(memory).build()) {
            client.load(T, all);
            for (int i = 0; i < queries; i++) {
                client.query(query(i), QueryOptions.as("q" + i).executeFromStore(true));
            }
            long[] times = new long[rounds];
            for (int warm = 0; warm < 2; warm++) {
                for (int r = 0; r < rounds; r++) {
                    ObjectNode changed = doc(random, "d" + random.nextInt(docs), 2 + warm * rounds + r);
                    long start = System.nanoTime();
                    client.applyChange(T, changed);
                    times[r] = System.nanoTime() - start;
                }
            }
            Arrays.sort(times);
            System.out.printf(
                    "java store: %d docs, %d queries, %d mutations: median %.3f ms, p99 %.3f ms%n",
                    docs, queries, rounds, times[rounds / 2] / 1e6, times[rounds * 99 / 100] / 1e6);
        }
    }

    static ObjectNode doc(Random random, String id, int gen) {
        ObjectNode doc = Json.object().put("_id", id).put("_rev", gen + "-" + Integer.toHexString(random.nextInt()));
        doc.put("group", random.nextInt(20)).put("rank", random.nextInt(1000)).put("done", random.nextBoolean());
        doc.put("label", "item " + random.nextInt(100_000));
        return doc;
    }

    /** A mix of equality, range and sorted queries. */
    static Q query(int i) {
        return switch (i % 4) {
            case 0 -> Q.of(T).where("{\"group\":" + (i % 20) + "}").sortBy("rank");
            case 1 -> Q.of(T).where("{\"rank\":{\"$gte\":" + (i * 10) + ",\"$lt\":" + (i * 10 + 100) + "}}");
            case 2 ->
                Q.of(T)
                        .where("{\"done\":true,\"group\":{\"$in\":[" + (i % 20) + ",3]}}")
                        .sortDescBy("rank");
            default ->
                Q.of(T)
                        .where("{\"label\":{\"$regex\":\"^item " + (i % 10) + "\"}}")
                        .sortBy("label");
        };
    }
}
