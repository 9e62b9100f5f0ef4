package dev.hearth.jobs.internal;

import static dev.hearth.jobs.internal.Harness.ALICE;
import static dev.hearth.jobs.internal.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.jobs.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' jobs services over the same stores and one shared queue ({@link MemoryQueue}): a job
 * runs on one node, a job whose node stopped renewing its lease runs again elsewhere with the lost
 * run counted, the late outcome of the lost run is dropped, and each fire time of a time trigger
 * makes one job whichever node ticks.
 */
class SharedQueueTest {
    @TempDir
    Path dir;

    Harness h;
    final MemoryQueue queue = new MemoryQueue();
    JobsServiceImpl a;
    JobsServiceImpl b;

    @BeforeEach
    void start() throws Exception {
        h = new Harness(dir, Map.of("retryDelayMillis", 20L));
        a = h.node(queue.node("a"));
        b = h.node(queue.node("b"));
    }

    @AfterEach
    void stop() {
        a.deactivate();
        b.deactivate();
        h.close();
    }

    private static void register(JobsServiceImpl node, String type, Worker worker) {
        node.addWorker(worker, Map.of(Worker.TYPE, type));
    }

    private Job await(String id, String state) {
        Harness.await(() -> state.equals(a.job(ALICE, id).state()), "job " + id + " " + state);
        return a.job(ALICE, id);
    }

    @Test
    void everyJobPushedOnEitherNodeRunsOnceOnOneOfThem() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Worker counting = job -> {
            runs.computeIfAbsent(job.jobId(), k -> new AtomicInteger()).incrementAndGet();
            return null;
        };
        register(a, "count", counting);
        register(b, "count", counting);
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            JobsServiceImpl node = i % 2 == 0 ? a : b;
            ids.add(node.push(
                            i % 3 == 0 ? BOB : ALICE,
                            JobRequest.of("count", Json.mapper().createObjectNode()))
                    .id());
        }
        Harness.await(() -> runs.size() == 40 && queue.size() == 0, "40 jobs run and let go");
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(runs.values()).allMatch(n -> n.get() == 1);
        for (int i = 0; i < 40; i++) {
            Job job = b.job(i % 3 == 0 ? BOB : ALICE, ids.get(i));
            assertThat(job.state()).isEqualTo(Job.DONE);
            assertThat(job.doc().path("exec_count").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aJobWhoseNodeStoppedRenewingItsLeaseRunsAgainElsewhereCountingTheLostRun() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        register(a, "slow", job -> {
            stuck.await();
            return JsonNodeFactory.instance.textNode("late");
        });
        String id = a.push(ALICE, JobRequest.of("slow", Json.mapper().createObjectNode()))
                .id();
        Job running = await(id, Job.RUNNING);
        assertThat(b.job(ALICE, id).state())
                .as("stored running: every node sees it")
                .isEqualTo(Job.RUNNING);
        assertThat(running.doc().path("exec_count").asInt()).isEqualTo(1);

        register(b, "slow", job -> JsonNodeFactory.instance.numberNode(job.attempt()));
        queue.lapse("a");
        Job done = await(id, Job.DONE);
        assertThat(done.doc().path("exec_count").asInt())
                .as("the lost run counts")
                .isEqualTo(2);
        assertThat(done.doc().path("result").asInt()).isEqualTo(2);
        // let go: the claim is released just after the outcome is stored, by the node that ran it
        Harness.await(() -> queue.claims(ALICE, id) == 0, "the claim let go");

        stuck.countDown(); // the lost run ends after all: its outcome is dropped
        Thread.sleep(300);
        Job after = b.job(ALICE, id);
        assertThat(after.state()).isEqualTo(Job.DONE);
        assertThat(after.doc().path("result").asInt()).isEqualTo(2);
    }

    @Test
    void aJobWithNoRunsLeftWhenItsNodeDiedEndsErroredWithoutRunning() {
        CountDownLatch stuck = new CountDownLatch(1);
        register(a, "once", job -> {
            stuck.await();
            return null;
        });
        String id = a.push(ALICE, new JobRequest("once", Json.mapper().createObjectNode(), null, 1, false, false))
                .id();
        await(id, Job.RUNNING);
        AtomicInteger calledOnB = new AtomicInteger();
        register(b, "once", job -> {
            calledOnB.incrementAndGet();
            return null;
        });
        queue.lapse("a");
        Job errored = await(id, Job.ERRORED);
        assertThat(errored.doc().path("error").asText()).isEqualTo(Recovery.INTERRUPTED);
        assertThat(errored.doc().path("exec_count").asInt()).isEqualTo(1);
        assertThat(calledOnB).hasValue(0);
        stuck.countDown();
    }

    @Test
    void eachFireTimeOfATimeTriggerMakesOneJobWhicheverNodesTick() {
        register(a, "rec", job -> null);
        register(b, "rec", job -> null);
        var trigger = a.createTrigger(
                ALICE, new TriggerRequest("@every", "1m", "rec", Json.mapper().createObjectNode(), null, null));
        Harness.await(() -> b.nextFire(ALICE, trigger.id()) != null, "the other node loads the trigger");
        for (int period = 1; period <= 3; period++) {
            h.clock.advance(Duration.ofMinutes(1));
            if (period % 2 == 0) {
                b.tick();
                a.tick();
            } else {
                Thread first = Thread.ofVirtual().start(a::tick);
                b.tick();
                Harness.await(() -> !first.isAlive(), "the other tick");
            }
            int expected = period;
            Harness.await(
                    () -> a.jobsOfTrigger(ALICE, trigger.id(), 100).size() >= expected, "job of period " + period);
        }
        assertThat(a.jobsOfTrigger(ALICE, trigger.id(), 100)).hasSize(3);
        assertThat(a.nextFire(ALICE, trigger.id())).isEqualTo(b.nextFire(ALICE, trigger.id()));

        a.deleteTrigger(ALICE, trigger.id());
        Harness.await(() -> b.nextFire(ALICE, trigger.id()) == null, "the other node drops the trigger");
    }
}
