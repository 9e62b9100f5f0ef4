package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An idle store closes its file and the next operation opens it again, even mid-traffic. */
class HibernationTest {
    @TempDir
    Path dir;

    @Test
    void aHibernatingStoreWakesOnTheNextOperationWithEverythingInIt() {
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.sleepy");
            String rev = db.save(doc("a", 1)).rev();
            assertThat(t.store.hibernateIfIdle(Long.MAX_VALUE))
                    .as("not idle yet")
                    .isFalse();
            assertThat(t.store.hibernateIfIdle(0)).isTrue();
            assertThat(t.store.isOpen()).isFalse();
            assertThat(db.get("a", null, false).rev())
                    .as("the same database object")
                    .isEqualTo(rev);
            assertThat(t.store.isOpen()).isTrue();
            assertThat(db.save(doc("b", 2)).isOk()).isTrue();
            assertThat(db.normalDocCount()).isEqualTo(2);
        }
    }

    @Test
    void operationsInFlightKeepTheStoreOpenAndNothingFails() throws Exception {
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.busy");
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger hibernations = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                workers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 150; i++) {
                        try {
                            String id = "w" + worker + "-" + i;
                            WriteResult r = db.save(doc(id, i));
                            acknowledged.put(id, r.rev());
                            assertThat(db.get(id, null, false).rev()).isEqualTo(r.rev());
                            TestDb.allDocs(db, false);
                            Thread.sleep(1); // a gap in which the store is idle and may hibernate
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            // A platform thread: a spinning virtual thread could hold a carrier the workers need.
            Thread sleeper = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    if (t.store.hibernateIfIdle(0)) {
                        hibernations.incrementAndGet();
                    }
                    Thread.yield();
                }
            });
            for (Thread worker : workers) {
                worker.join();
            }
            running.set(false);
            sleeper.join();
            assertThat(failures).isEmpty();
            assertThat(hibernations.get())
                    .as("it did hibernate between operations")
                    .isPositive();
            assertThat(db.normalDocCount()).isEqualTo(acknowledged.size());
            acknowledged.forEach(
                    (id, rev) -> assertThat(db.get(id, null, false).rev()).isEqualTo(rev));
        }
    }

    @Test
    void aClosedStoreStaysClosed() {
        TestDb t = new TestDb(dir);
        MvDatabase db = t.db("io.cozy.gone");
        db.save(doc("a", 1));
        t.close();
        assertThatThrownBy(() -> db.get("a", null, false)).isInstanceOf(IllegalStateException.class);
        t.store.close();
    }

    private static ObjectNode doc(String id, int n) {
        return Json.mapper().createObjectNode().put("_id", id).put("n", n);
    }
}
