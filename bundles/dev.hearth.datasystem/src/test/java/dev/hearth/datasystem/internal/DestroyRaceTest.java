package dev.hearth.datasystem.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.internal.InstanceServiceImpl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destroyed instance's store is closed for good: nothing reopens it on the folder being
 * deleted, so a re-created instance of the same domain keeps every write it acknowledges.
 */
class DestroyRaceTest {
    private static final String DOMAIN = "race.localhost";
    private static final String NOTES = "io.cozy.notes";

    /** Another bundle releasing its state of the instance, after the data service closed its store. */
    private static final InstanceListener SLOW_LISTENER = new InstanceListener() {
        @Override
        public void instanceDestroying(Instance instance) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    @TempDir
    Path data;

    @Test
    void noStoreOpensWhileListenersAreToldOfTheDestroy() throws Exception {
        InstanceServiceImpl instances = TestConfigs.instances(data);
        DataServiceImpl service = DataServiceImpl.embedded(instances, TestConfigs.datasystem());
        List<String> seen = new ArrayList<>();
        instances.addListener(service);
        instances.addListener(new InstanceListener() {
            @Override
            public void instanceDestroying(Instance instance) {
                try {
                    service.database(DOMAIN, NOTES).exists();
                    seen.add("opened");
                } catch (ApiException e) {
                    seen.add("status " + e.status());
                }
            }
        });
        try {
            instances.create(NewInstance.of(DOMAIN));
            service.database(DOMAIN, NOTES).save(doc("before"));
            instances.destroy(DOMAIN);
            assertThat(seen).containsExactly("status 404");

            instances.create(NewInstance.of(DOMAIN));
            Database db = service.database(DOMAIN, NOTES);
            assertThat(db.exists()).as("a fresh store in the new folder").isFalse();
            db.save(doc("after"));
            assertThat(instances.directory(DOMAIN).resolve("data.mv.db")).exists();
        } finally {
            service.deactivate();
        }
    }

    @Test
    void concurrentTrafficDuringDestroyAndRecreateLosesNoAcknowledgedWrite() throws Exception {
        InstanceServiceImpl instances = TestConfigs.instances(data);
        instances.create(NewInstance.of(DOMAIN));
        for (int round = 0; round < 10; round++) {
            DataServiceImpl service = DataServiceImpl.embedded(instances, TestConfigs.datasystem());
            instances.addListener(service);
            instances.addListener(SLOW_LISTENER);
            Set<String> acknowledged = runRound(instances, service, round);
            service.deactivate();
            instances.removeListener(service);
            instances.removeListener(SLOW_LISTENER);

            DataServiceImpl reopened = DataServiceImpl.embedded(instances, TestConfigs.datasystem());
            try {
                Database db = reopened.database(DOMAIN, NOTES);
                for (String id : acknowledged) {
                    assertThat(db.get(id, null, false).id())
                            .as("round %d, %s read back from disk", round, id)
                            .isEqualTo(id);
                }
            } finally {
                reopened.deactivate();
            }
        }
    }

    /**
     * Readers and writers hammer the domain while it is destroyed and created again.
     *
     * @return the ids of the writes acknowledged after the re-create, which must all be on disk
     */
    private static Set<String> runRound(InstanceServiceImpl instances, DataServiceImpl service, int round)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean recreated = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            boolean writer = t % 2 == 0;
            threads.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    boolean after = recreated.get();
                    String id = "r" + round + "-" + counter.incrementAndGet();
                    try {
                        Database db = service.database(DOMAIN, NOTES);
                        if (writer) {
                            db.save(doc(id));
                            if (after) {
                                acknowledged.add(id);
                            }
                        } else {
                            db.exists();
                        }
                    } catch (ApiException | IllegalStateException e) {
                        // the instance is gone, or its store closed under the request: both are fine
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                    }
                }
            }));
        }
        Thread.sleep(20);
        instances.destroy(DOMAIN);
        instances.create(NewInstance.of(DOMAIN));
        recreated.set(true);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (acknowledged.size() < 20 && unexpected.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(unexpected).isEmpty();
        assertThat(acknowledged)
                .as("round %d: writes went through after the re-create", round)
                .hasSizeGreaterThan(0);
        return acknowledged;
    }

    @Test
    void aStoreIsNeverOpenedForAnUnknownDomain() throws Exception {
        InstanceServiceImpl instances = TestConfigs.instances(data);
        DataServiceImpl service = DataServiceImpl.embedded(instances, TestConfigs.datasystem());
        try {
            assertThatThrownBy(() -> service.database("nobody.localhost", NOTES).exists())
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThat(data.resolve("instances/nobody.localhost")).doesNotExist();
        } finally {
            service.deactivate();
        }
    }

    private static ObjectNode doc(String id) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("text", "note " + id);
        return doc;
    }
}
