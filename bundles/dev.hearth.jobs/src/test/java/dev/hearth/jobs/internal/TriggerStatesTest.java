package dev.hearth.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TriggerStatesTest {

    private static ObjectNode end(String trigger, String job) {
        return Json.mapper()
                .createObjectNode()
                .put("_id", job)
                .put("trigger_id", trigger)
                .put("state", "done");
    }

    @Test
    void endsArrivingDuringAWriteAreFoldedIntoTheNextOneInOrder() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> writes = new ArrayList<>();
        TriggerStates states = new TriggerStates((domain, trigger, ends) -> {
            synchronized (writes) {
                writes.add(ends.stream()
                        .map(e -> trigger + ":" + e.path("_id").asText())
                        .toList());
            }
            if (domain.equals("a") && ends.getFirst().path("_id").asText().equals("j0")) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        Thread first = Thread.ofVirtual().start(() -> states.ended("a", end("t1", "j0")));
        writing.await();
        for (int i = 1; i <= 4; i++) {
            states.ended("a", end("t1", "j" + i)); // returns at once: the writing thread takes them
        }
        states.ended("b", end("t1", "k0")); // another instance's trigger is written on its own
        release.countDown();
        first.join();
        assertEquals(List.of(List.of("t1:j0"), List.of("t1:k0"), List.of("t1:j1", "t1:j2", "t1:j3", "t1:j4")), writes);
    }

    @Test
    void aFailedWriteDoesNotStopTheEndsThatCameMeanwhile() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new ArrayList<>();
        TriggerStates states = new TriggerStates((domain, trigger, ends) -> {
            if (ends.getFirst().path("_id").asText().equals("j0")) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                throw new IllegalStateException("the store is closed");
            }
            synchronized (written) {
                ends.forEach(e -> written.add(e.path("_id").asText()));
                written.notifyAll();
            }
        });
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                states.ended("a", end("t1", "j0"));
            } catch (IllegalStateException expected) {
                // the caller of the failed write sees its failure
            }
        });
        writing.await();
        states.ended("a", end("t1", "j1"));
        release.countDown();
        first.join();
        synchronized (written) {
            if (written.isEmpty()) {
                written.wait(10_000); // the retry runs on its own thread
            }
        }
        assertEquals(List.of("j1"), written);
    }
}
