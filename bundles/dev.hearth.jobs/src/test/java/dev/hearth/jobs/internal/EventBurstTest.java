package dev.hearth.jobs.internal;

import static dev.hearth.jobs.internal.Harness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.jobs.Worker;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs of an {@code @event} trigger fired by a burst of writes (one {@code _bulk_docs}):
 * created together, in writes of many jobs, and ended together, in writes of many outcomes.
 */
class EventBurstTest {
    static final int BURST = 250;

    @TempDir
    Path dir;

    Harness h;
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        h = new Harness(dir, Map.of("retryDelayMillis", 20L));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    void registerCounter() {
        h.register(
                "rec",
                Harness.worker(job -> {
                    runs.computeIfAbsent(job.event().path("doc").path("_id").asText(), k -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }),
                Worker.CONCURRENCY,
                8);
    }

    Trigger eventTrigger() {
        return h.jobs.createTrigger(
                ALICE,
                new TriggerRequest(
                        "@event", "io.cozy.files:CREATED", "rec", Json.mapper().createObjectNode(), null, null));
    }

    void bulkWrite(int count) {
        Database files = h.data.database(ALICE, "io.cozy.files");
        if (!files.exists()) {
            files.create();
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode docs = body.putArray("docs");
        for (int i = 0; i < count; i++) {
            docs.addObject().put("_id", "f" + i).put("n", i);
        }
        assertThat(files.bulkDocs(body)).allMatch(r -> r.isOk());
    }

    /** The jobs of the trigger as the store has them, not as this process shows them. */
    List<ObjectNode> stored(Trigger t) {
        Database jobs = h.data.database(ALICE, Doctypes.JOBS);
        return h.jobs.jobsOfTrigger(ALICE, t.id(), 10 * BURST).stream()
                .map(j -> Documents.json(jobs.get(j.id(), null, false)))
                .toList();
    }

    @Test
    void aBurstOfWritesMakesOneJobPerDocumentEachRunOnceAndStoredDone() {
        registerCounter();
        Trigger t = eventTrigger();
        bulkWrite(BURST);
        Harness.await(
                () -> stored(t).size() == BURST
                        && stored(t).stream()
                                .allMatch(d -> Job.DONE.equals(d.path("state").asText())),
                "every job of the burst done in its store");
        h.restart();
        List<ObjectNode> jobs = stored(t);
        assertThat(jobs).hasSize(BURST);
        assertThat(jobs).allSatisfy(d -> {
            assertThat(d.path("state").asText()).isEqualTo(Job.DONE);
            assertThat(d.path("exec_count").asInt()).isEqualTo(1);
        });
        Set<String> docs = jobs.stream()
                .map(d -> d.path("event").path("doc").path("_id").asText())
                .collect(Collectors.toSet());
        assertThat(docs).hasSize(BURST).contains("f0", "f" + (BURST - 1));
        assertThat(runs).hasSize(BURST).allSatisfy((id, n) -> assertThat(n).hasValue(1));
        Harness.await(
                () -> Job.DONE.equals(h.jobs.trigger(ALICE, t.id())
                        .doc()
                        .path("current_state")
                        .path("status")
                        .asText()),
                "the trigger's state");
    }

    @Test
    void theJobsOfABurstSurviveAStopQueuedAndRunOnceAfterwards() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        h.register(
                "rec",
                Harness.worker(job -> {
                    started.incrementAndGet();
                    never.await();
                    return null;
                }),
                Worker.CONCURRENCY,
                1);
        Trigger t = eventTrigger();
        bulkWrite(BURST);
        Harness.await(() -> stored(t).size() == BURST && started.get() == 1, "the burst's jobs stored, one running");
        h.restart();
        List<ObjectNode> before = stored(t);
        assertThat(before).allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo(Job.QUEUED));
        Set<Integer> counts = new HashSet<>();
        before.forEach(d -> counts.add(d.path("exec_count").asInt()));
        assertThat(counts).as("only the interrupted run is counted").containsExactlyInAnyOrder(0, 1);
        registerCounter();
        h.jobs.recover(ALICE);
        Harness.await(
                () -> stored(t).stream()
                        .allMatch(d -> Job.DONE.equals(d.path("state").asText())),
                "every job done after the restart");
        assertThat(runs).hasSize(BURST).allSatisfy((id, n) -> assertThat(n).hasValue(1));
        assertThat(stored(t).stream().filter(d -> d.path("exec_count").asInt() == 2))
                .as("the interrupted job ran again, counted")
                .hasSize(1);
    }
}
