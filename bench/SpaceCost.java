import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.internal.store.InstanceStore;
import dev.hearth.datasystem.internal.store.MvDatabase;
import dev.hearth.datasystem.internal.store.PageCaches;
import dev.hearth.datasystem.internal.store.StoreSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Space of a store under churn (run by bench/space.sh): DOCS documents written in batches of
 * 100, each rewritten REWRITES times, a share deleted; then the periodic compaction runs (as
 * the data service runs it) while one client keeps writing a document at a time, timing each
 * write. Prints the store file against a fresh store holding the same live documents, and the
 * slowest write while compaction ran against the slowest before it.
 */
public final class SpaceCost {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DOCTYPE = "io.cozy.space";

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rewrites = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int deletePercent = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        Path dir = Files.createTempDirectory("hearth-space");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            run(dir, executor, docs, rewrites, deletePercent, seconds);
        } finally {
            executor.shutdown();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, ExecutorService executor, int docs, int rewrites, int deletePercent, int seconds)
            throws Exception {
        InstanceStore.Settings settings = new InstanceStore.Settings(false, new PageCaches(4, 64, 256), 1000);
        Files.createDirectories(dir.resolve("churned"));
        Files.createDirectories(dir.resolve("fresh"));
        String[] revs = new String[docs];
        long liveDocs;
        try (InstanceStore store = InstanceStore.open("space.localhost", dir.resolve("churned"), settings, executor)) {
            MvDatabase db = new MvDatabase(store, DOCTYPE, 1_000_000, (d, t, c) -> {});
            Thread syncer = syncEverySecond(store);
            for (int round = 0; round <= rewrites; round++) {
                writeAll(db, revs, round, false, 0);
            }
            writeAll(db, revs, 0, true, deletePercent);
            liveDocs = db.normalDocCount();
            mb("after the churn", store.fileSize());
            compactWhileWriting(store, db, executor, seconds);
        }
        long churned = Files.size(dir.resolve("churned/data.mv.db"));
        try (InstanceStore fresh = InstanceStore.open("fresh.localhost", dir.resolve("fresh"), settings, executor)) {
            MvDatabase db = new MvDatabase(fresh, DOCTYPE, 1_000_000, (d, t, c) -> {});
            String[] none = new String[docs];
            writeAll(db, none, rewrites, false, 0);
            writeAll(db, none, rewrites, true, deletePercent);
        }
        long fresh = Files.size(dir.resolve("fresh/data.mv.db"));
        System.out.printf(
                "%d live documents of %d (%d%% deleted, %d rewrites): churned store %.1f MB, fresh store %.1f MB,"
                        + " ratio %.2f%n",
                liveDocs, docs, deletePercent, rewrites, churned / 1e6, fresh / 1e6, (double) churned / fresh);
    }

    /** Syncs the store every second, as the data service does. */
    private static Thread syncEverySecond(InstanceStore store) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (store.isOpen()) {
                    Thread.sleep(1000);
                    store.sync();
                }
            } catch (InterruptedException | IllegalStateException e) {
                // closed
            }
        });
    }

    /** Writes every document once (a new revision), or deletes a share of them. */
    private static void writeAll(MvDatabase db, String[] revs, int round, boolean delete, int deletePercent) {
        for (int from = 0; from < revs.length; from += 100) {
            ObjectNode body = F.objectNode();
            ArrayNode batch = body.putArray("docs");
            for (int i = from; i < Math.min(revs.length, from + 100); i++) {
                if (delete && i % 100 >= deletePercent) {
                    continue;
                }
                ObjectNode doc = batch.addObject().put("_id", "doc-%07d".formatted(i));
                if (revs[i] != null) {
                    doc.put("_rev", revs[i]);
                }
                if (delete) {
                    doc.put("_deleted", true);
                } else {
                    doc.put("group", i % 1000).put("round", round).put("text", "x".repeat(400));
                }
            }
            List<WriteResult> results = db.bulkDocs(body);
            for (WriteResult r : results) {
                if (!r.isOk()) {
                    throw new IllegalStateException(r.id() + " failed");
                }
                revs[Integer.parseInt(r.id().substring(4))] = r.rev();
            }
        }
    }

    /** Runs compaction every 5 s for {@code seconds} while one client writes; prints sizes and pauses. */
    private static void compactWhileWriting(InstanceStore store, MvDatabase db, ExecutorService executor, int seconds)
            throws Exception {
        AtomicBoolean compacting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        List<List<Long>> took = List.of(new ArrayList<>(), new ArrayList<>());
        var client = executor.submit(() -> {
            String rev = null;
            while (running.get()) {
                ObjectNode doc = F.objectNode().put("_id", "probe").put("n", System.nanoTime());
                if (rev != null) {
                    doc.put("_rev", rev);
                }
                boolean busy = compacting.get();
                long t0 = System.nanoTime();
                rev = db.save(doc).rev();
                long nanos = System.nanoTime() - t0;
                took.get(busy || compacting.get() ? 1 : 0).add(nanos);
                Thread.sleep(2);
            }
            return null;
        });
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long longestStep = 0;
        long[] longestByKind = new long[3];
        while (System.nanoTime() < end) {
            Thread.sleep(5000);
            mb("before compaction", store.fileSize());
            if (Boolean.getBoolean("noCompaction")) {
                continue;
            }
            compacting.set(true);
            long t0 = System.nanoTime();
            StoreSpace.Outcome done = store.compact();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            compacting.set(false);
            if (done == null) {
                mb("compaction skipped (store closed)", store.fileSize());
                continue;
            }
            longestStep = Math.max(longestStep, done.longestStepNanos());
            longestByKind[0] = Math.max(longestByKind[0], done.longestRewriteNanos());
            longestByKind[1] = Math.max(longestByKind[1], done.longestMoveNanos());
            longestByKind[2] = Math.max(longestByKind[2], done.dropNanos());
            mb(
                    "compaction ran %d ms (%d rewrites, %d moves; longest rewrite %.1f ms, move %.1f ms, drop %.1f ms)"
                            .formatted(
                                    ms,
                                    done.rewrites(),
                                    done.moves(),
                                    done.longestRewriteNanos() / 1e6,
                                    done.longestMoveNanos() / 1e6,
                                    done.dropNanos() / 1e6),
                    store.fileSize());
        }
        running.set(false);
        client.get();
        System.out.printf(
                "longest compaction step holding the writer: %.1f ms (rewrite %.1f ms, move %.1f ms, drop of unused"
                        + " chunks %.1f ms)%n",
                longestStep / 1e6, longestByKind[0] / 1e6, longestByKind[1] / 1e6, longestByKind[2] / 1e6);
        System.out.println("one-document writes outside compaction: " + stats(took.get(0)));
        System.out.println("one-document writes while compaction ran: " + stats(took.get(1)));
    }

    private static String stats(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "none";
        }
        return "%d writes, median %.1f ms, p99 %.1f ms, max %.1f ms"
                .formatted(
                        sorted.length,
                        sorted[sorted.length / 2] / 1e6,
                        sorted[(int) (sorted.length * 0.99)] / 1e6,
                        sorted[sorted.length - 1] / 1e6);
    }

    private static void mb(String what, long bytes) {
        System.out.printf("%s: store file %.1f MB%n", what, bytes / 1e6);
    }
}
