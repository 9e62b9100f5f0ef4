import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.internal.store.InstanceStore;
import dev.hearth.datasystem.internal.store.MvDatabase;
import dev.hearth.datasystem.internal.store.PageCaches;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The engine's share of the W4 workload (run by bench/find.sh): DOCS documents shaped as the
 * load harness writes them, an index on {@code group}, then QUERIES {@code _find} calls on a
 * random group (10 documents each) through the store alone, no HTTP. Prints the thread CPU time
 * per query (median of ROUNDS rounds), a figure other loads of the machine disturb far less than
 * throughput, and checks the count of documents of each answer.
 */
public final class FindCost {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int groups = docs / 10;
        // A folder given as the fourth argument keeps the loaded store for the next runs.
        boolean kept = args.length > 3;
        Path dir = kept ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("hearth-find");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        InstanceStore.Settings settings = new InstanceStore.Settings(false, new PageCaches(4, 64, 256), 1000);
        try (InstanceStore store = InstanceStore.open("find.localhost", dir, settings, executor)) {
            // As the server does once a second: sync, and fit the page cache to the store's use.
            Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                    })
                    .scheduleWithFixedDelay(store::sync, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
            MvDatabase db = new MvDatabase(store, "io.cozy.benchfind", 1_000_000, (d, t, c) -> {});
            db.create();
            if (db.normalDocCount() != docs) {
                load(db, docs, groups);
            }
            ObjectNode index = F.objectNode();
            index.putObject("index").putArray("fields").add("group");
            index.put("ddoc", "bench-group").put("name", "bench-group");
            db.createIndex(index);
            Thread syncer = Thread.ofVirtual().start(() -> {
                try {
                    while (store.isOpen()) {
                        Thread.sleep(1000);
                        store.sync();
                    }
                } catch (InterruptedException | IllegalStateException e) {
                    // closed
                }
            });
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Random random = new Random(11);
            query(db, random, groups, queries); // warm-up: compilation, and the cache grown
            double[] perQuery = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu = threads.getCurrentThreadCpuTime();
                query(db, random, groups, queries);
                perQuery[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / queries;
            }
            Arrays.sort(perQuery);
            System.out.printf(
                    "find of 10 of %d documents: CPU %.1f us per query (median of %d rounds of %d; min %.1f, max %.1f)%n",
                    docs, perQuery[rounds / 2], rounds, queries, perQuery[0], perQuery[rounds - 1]);
            syncer.interrupt();
        } finally {
            executor.shutdown();
        }
        if (!kept) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void query(MvDatabase db, Random random, int groups, int queries) {
        for (int q = 0; q < queries; q++) {
            ObjectNode body = F.objectNode();
            body.putObject("selector").put("group", random.nextInt(groups));
            body.put("limit", 100).put("use_index", "_design/bench-group");
            JsonFindResult result = db.findJson(body);
            if (result.docs().size() != 10) {
                throw new IllegalStateException("got " + result.docs().size() + " documents");
            }
        }
    }

    private static void load(MvDatabase db, int docs, int groups) {
        for (int from = 0; from < docs; from += 1000) {
            ObjectNode body = F.objectNode();
            ArrayNode batch = body.putArray("docs");
            for (int n = from; n < Math.min(docs, from + 1000); n++) {
                ObjectNode doc = batch.addObject().put("_id", "doc-%06d".formatted(n)).put("type", "bench");
                doc.put("group", n % groups).put("n", n).put("title", "Document " + n);
                doc.putArray("tags").add("p").add("t" + n % 100);
                doc.put("body", "x".repeat(380));
            }
            List<WriteResult> results = db.bulkDocs(body);
            if (!results.stream().allMatch(WriteResult::isOk)) {
                throw new IllegalStateException("a write failed");
            }
        }
    }
}
