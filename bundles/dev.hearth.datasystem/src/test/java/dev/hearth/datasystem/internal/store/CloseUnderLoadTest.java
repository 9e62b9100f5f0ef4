package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a store right after heavy reads and writes: reads that ended while a commit held
 * MVStore's lock must not leave a version pinned for close to trip on.
 */
class CloseUnderLoadTest {
    @TempDir
    Path dir;

    @Test
    void aStoreClosesCleanlyRightAfterConcurrentReadsAndWrites() throws Exception {
        for (int round = 0; round < 40; round++) {
            Path roundDir = Files.createDirectories(dir.resolve("r" + round));
            TestDb t = new TestDb(roundDir);
            MvDatabase db = t.db("io.cozy.notes");
            db.save(doc("seed"));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                boolean writer = i == 0;
                threads.add(Thread.ofPlatform().start(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            if (writer) {
                                db.save(doc("w" + n++));
                            } else {
                                db.get("seed", null, false);
                                reads.incrementAndGet();
                            }
                        } catch (IllegalStateException e) {
                            return; // closed under it: the expected end
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                    }
                }));
            }
            while (reads.get() < 200) {
                Thread.onSpinWait();
            }
            try {
                t.close();
            } finally {
                running.set(false);
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            assertThat(failures).isEmpty();
        }
    }

    private static ObjectNode doc(String id) {
        return Json.mapper().createObjectNode().put("_id", id).put("n", 1);
    }
}
