package dev.hearth.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TriggerStatesTest {
    /** Long enough that nothing but a flush ends a spacing within a test. */
    private static final long SPACING = TimeUnit.MINUTES.toMillis(10);

    private final List<List<String>> writes = new ArrayList<>();

    private static ObjectNode end(String trigger, String job) {
        return Json.mapper()
                .createObjectNode()
                .put("_id", job)
                .put("trigger_id", trigger)
                .put("state", "done");
    }

    private void record(String domain, String trigger, List<ObjectNode> ends) {
        synchronized (writes) {
            writes.add(ends.stream()
                    .map(e -> domain + "/" + trigger + ":" + e.path("_id").asText())
                    .toList());
            writes.notifyAll();
        }
    }

    private List<List<String>> awaitWrites(int count) throws InterruptedException {
        synchronized (writes) {
            while (writes.size() < count) {
                writes.wait();
            }
            return List.copyOf(writes);
        }
    }

    @Test
    void aFirstEndIsWrittenAtOnceAndTheEndsOfTheSpacingTogetherInOrder() throws Exception {
        TriggerStates states = new TriggerStates(this::record, SPACING);
        states.ended("a", end("t1", "j0"));
        assertEquals(List.of(List.of("a/t1:j0")), awaitWrites(1));
        for (int i = 1; i <= 4; i++) {
            states.ended("a", end("t1", "j" + i)); // within the spacing: they wait for the next write
        }
        states.ended("b", end("t1", "k0")); // another instance's trigger is written on its own, at once
        assertEquals(List.of(List.of("a/t1:j0"), List.of("b/t1:k0")), awaitWrites(2));
        states.flush(10_000);
        assertEquals(
                List.of(List.of("a/t1:j0"), List.of("b/t1:k0"), List.of("a/t1:j1", "a/t1:j2", "a/t1:j3", "a/t1:j4")),
                awaitWrites(3));
    }

    @Test
    void anEndItsClientWaitsForIsWrittenWithoutTheSpacingAfterTheEndsBeforeIt() throws Exception {
        TriggerStates states = new TriggerStates(this::record, SPACING);
        states.endedNow("b", end("t9", "k0"), 10_000); // no write under way: written at once
        synchronized (writes) {
            assertEquals(List.of(List.of("b/t9:k0")), writes);
        }
        states.ended("a", end("t1", "j0"));
        awaitWrites(2);
        states.ended("a", end("t1", "j1")); // would wait for the spacing
        states.endedNow("a", end("t1", "j2"), 10_000);
        synchronized (writes) {
            assertEquals(List.of(List.of("b/t9:k0"), List.of("a/t1:j0"), List.of("a/t1:j1", "a/t1:j2")), writes);
        }
    }

    @Test
    void aFailedWriteDoesNotStopTheEndsThatCameAfter() throws Exception {
        TriggerStates states = new TriggerStates(
                (domain, trigger, ends) -> {
                    record(domain, trigger, ends);
                    if (ends.getFirst().path("_id").asText().equals("j0")) {
                        throw new IllegalStateException("the store is closed");
                    }
                },
                SPACING);
        states.ended("a", end("t1", "j0"));
        awaitWrites(1);
        states.ended("a", end("t1", "j1"));
        states.flush(10_000);
        assertEquals(List.of(List.of("a/t1:j0"), List.of("a/t1:j1")), awaitWrites(2));
    }

    @Test
    void aWriterThatDiesLetsTheNextEndStartAnother() throws Exception {
        TriggerStates states = new TriggerStates(
                (domain, trigger, ends) -> {
                    record(domain, trigger, ends);
                    if (ends.getFirst().path("_id").asText().equals("j0")) {
                        throw new StackOverflowError("a write that went wrong");
                    }
                },
                SPACING);
        states.ended("a", end("t1", "j0"));
        awaitWrites(1);
        states.flush(10_000); // returns once the dead writer let its trigger go
        states.endedNow("a", end("t1", "j1"), 10_000);
        assertEquals(List.of(List.of("a/t1:j0"), List.of("a/t1:j1")), awaitWrites(2));
    }

    @Test
    void aFlushReturnsOnceEveryWaitingEndIsWritten() throws Exception {
        TriggerStates states = new TriggerStates(this::record, SPACING);
        for (int t = 0; t < 20; t++) {
            states.ended("a", end("t" + t, "first"));
            states.ended("a", end("t" + t, "second"));
        }
        states.flush(10_000);
        synchronized (writes) {
            assertEquals(40, writes.stream().mapToInt(List::size).sum());
        }
    }
}
