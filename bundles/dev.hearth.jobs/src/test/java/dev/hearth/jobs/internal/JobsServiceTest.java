package dev.hearth.jobs.internal;

import static dev.hearth.jobs.internal.Harness.ALICE;
import static dev.hearth.jobs.internal.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsServiceTest {
    @TempDir
    Path dir;

    Harness h;

    @BeforeEach
    void start() throws Exception {
        h = new Harness(dir, Map.of("retryDelayMillis", 40L, "missingWorkerGraceMillis", 100L));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static ObjectNode message(String key, Object value) {
        return Json.mapper().createObjectNode().putPOJO(key, value);
    }

    @Test
    void aRegisteredWorkerRunsTheJobAndTheDocumentSaysSo() {
        List<String> seen = new CopyOnWriteArrayList<>();
        h.register("echo", Harness.worker(job -> {
            seen.add(job.domain() + " " + job.message().path("text").asText() + " " + job.attempt());
            return Json.mapper().createObjectNode().put("ok", true);
        }));
        Job queued = h.jobs.push(ALICE, JobRequest.of("echo", message("text", "hello")));
        assertThat(queued.state()).isEqualTo(Job.QUEUED);
        Job done = h.awaitState(ALICE, queued.id(), Job.DONE);
        assertThat(seen).containsExactly(ALICE + " hello 1");
        ObjectNode doc = done.doc();
        assertThat(doc.path("domain").asText()).isEqualTo(ALICE);
        assertThat(doc.path("worker").asText()).isEqualTo("echo");
        assertThat(doc.path("exec_count").asInt()).isEqualTo(1);
        assertThat(doc.path("queued_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(doc.has("started_at")).isTrue();
        assertThat(doc.has("finished_at")).isTrue();
        assertThat(doc.path("result").path("ok").asBoolean()).isTrue();
        assertThat(h.jobs.stats()).anySatisfy(s -> {
            assertThat(s.worker()).isEqualTo("echo");
            assertThat(s.done()).isEqualTo(1);
        });
    }

    @Test
    void anUnknownWorkerIsRefusedAndAnAwaitedOneWaits() {
        assertThatThrownBy(() -> h.jobs.push(ALICE, JobRequest.of("nobody", message("a", 1))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Unknown worker type: nobody");
        Job waiting = h.jobs.push(ALICE, JobRequest.of("konnector", message("konnector", "x")));
        assertThat(h.jobs.queued(ALICE, "konnector")).extracting(Job::id).containsExactly(waiting.id());
        CountDownLatch ran = new CountDownLatch(1);
        h.register("konnector", Harness.worker(job -> {
            ran.countDown();
            return null;
        }));
        h.awaitState(ALICE, waiting.id(), Job.DONE);
        assertThat(h.jobs.queued(ALICE, "konnector")).isEmpty();
    }

    @Test
    void failuresAreRetriedWithAGrowingDelayThenSucceed() {
        List<Long> times = new CopyOnWriteArrayList<>();
        h.register("flaky", Harness.worker(job -> {
            times.add(System.nanoTime());
            if (job.attempt() < 3) {
                throw new IllegalStateException("down " + job.attempt());
            }
            return null;
        }));
        Job job = h.jobs.push(ALICE, JobRequest.of("flaky", message("a", 1)));
        Job done = h.awaitState(ALICE, job.id(), Job.DONE);
        assertThat(done.doc().path("exec_count").asInt()).isEqualTo(3);
        assertThat(done.doc().has("error")).isFalse();
        assertThat(times).hasSize(3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(40);
        assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(2) - times.get(1))).isGreaterThanOrEqualTo(80);
    }

    @Test
    void aJobWithNoRunsLeftEndsErroredWithTheMessage() {
        AtomicInteger runs = new AtomicInteger();
        h.register(
                "broken",
                Harness.worker(job -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("SMTP server unreachable");
                }),
                Worker.MAX_EXEC_COUNT,
                2);
        Job job = h.jobs.push(ALICE, JobRequest.of("broken", message("a", 1)));
        Job errored = h.awaitState(ALICE, job.id(), Job.ERRORED);
        assertThat(errored.doc().path("error").asText()).isEqualTo("SMTP server unreachable");
        assertThat(errored.doc().path("exec_count").asInt()).isEqualTo(2);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        h.register("strict", Harness.worker(job -> {
            runs.incrementAndGet();
            throw JobFailure.permanent("bad arguments");
        }));
        Job errored = h.awaitState(
                ALICE,
                h.jobs.push(ALICE, JobRequest.of("strict", message("a", 1))).id(),
                Job.ERRORED);
        assertThat(errored.doc().path("error").asText()).isEqualTo("bad arguments");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailureKeepsItsResultInTheJob() {
        h.register("measured", Harness.worker(job -> {
            throw new JobFailure("LOGIN_FAILED", false, message("cpu_ms", 12));
        }));
        Job errored = h.awaitState(
                ALICE,
                h.jobs.push(ALICE, JobRequest.of("measured", message("a", 1))).id(),
                Job.ERRORED);
        assertThat(errored.doc().path("error").asText()).isEqualTo("LOGIN_FAILED");
        assertThat(errored.doc().path("result").path("cpu_ms").asInt()).isEqualTo(12);
    }

    @Test
    void aRunPastItsTimeoutIsInterruptedAndErrored() {
        AtomicBoolean sawCancel = new AtomicBoolean();
        h.register("slow", Harness.worker(job -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                sawCancel.set(job.cancelled());
                throw e;
            }
            return null;
        }));
        JobRequest request = new JobRequest("slow", message("a", 1), 1, 1, false, false);
        long start = System.nanoTime();
        Job errored = h.awaitState(ALICE, h.jobs.push(ALICE, request).id(), Job.ERRORED);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 5000L);
        assertThat(errored.doc().path("error").asText()).isEqualTo(JobRunner.DEADLINE_EXCEEDED);
        assertThat(sawCancel).isTrue();
    }

    @Test
    void oneInstanceWithManyJobsDelaysAnotherByOneSlotAtMost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        h.register(
                "one",
                Harness.worker(job -> {
                    release.await();
                    order.add(job.domain());
                    return null;
                }),
                Worker.CONCURRENCY,
                1);
        for (int i = 0; i < 300; i++) {
            h.jobs.push(ALICE, JobRequest.of("one", message("i", i)));
        }
        Job bobs = h.jobs.push(BOB, JobRequest.of("one", message("i", 0)));
        release.countDown();
        h.awaitState(BOB, bobs.id(), Job.DONE);
        // the first alice job was already running; bob's comes right after it
        assertThat(order.indexOf(BOB)).isEqualTo(1);
    }

    @Test
    void aStoppedWorkerGetsNoMoreJobsAndItsQueuedJobsFail() throws Exception {
        CountDownLatch block = new CountDownLatch(1);
        Worker w = Harness.worker(job -> {
            block.await();
            return null;
        });
        h.register("gone", w, Worker.CONCURRENCY, 1);
        Job running = h.jobs.push(ALICE, JobRequest.of("gone", message("a", 1)));
        Job queued = h.jobs.push(ALICE, JobRequest.of("gone", message("a", 2)));
        h.awaitState(ALICE, running.id(), Job.RUNNING);
        h.unregister("gone", w);
        assertThat(h.awaitState(ALICE, queued.id(), Job.ERRORED)
                        .doc()
                        .path("error")
                        .asText())
                .isEqualTo("Unknown worker type: gone");
        assertThatThrownBy(() -> h.jobs.push(ALICE, JobRequest.of("gone", message("a", 3))))
                .hasMessageContaining("Unknown worker type");
        // the running one was interrupted, queued again for a retry, then failed with the others: run once only
        Job interrupted = h.awaitState(ALICE, running.id(), Job.ERRORED);
        assertThat(interrupted.doc().path("error").asText()).isEqualTo("Unknown worker type: gone");
        assertThat(interrupted.doc().path("exec_count").asInt()).isEqualTo(1);
    }

    @Test
    void aRetryQueuedAfterItsWorkerLeftAndTheGraceDelayPassedFailsToo() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Worker w = Harness.worker(job -> {
            started.countDown();
            long end = System.nanoTime() + 400_000_000L; // deaf to the interrupt, past the grace delay
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            throw new IllegalStateException("failed late");
        });
        h.register("late", w, Worker.CONCURRENCY, 1);
        Job job = h.jobs.push(ALICE, JobRequest.of("late", message("a", 1)));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        h.unregister("late", w);
        Job failed = h.awaitState(ALICE, job.id(), Job.ERRORED);
        assertThat(failed.doc().path("error").asText()).isEqualTo("Unknown worker type: late");
        assertThat(failed.doc().path("exec_count").asInt()).isEqualTo(1);
    }

    @Test
    void aRunningJobIsSeenRunningOnTheHubAndInReadsWhileItsStoreSaysQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        h.register(
                "work",
                Harness.worker(job -> {
                    release.await();
                    return null;
                }),
                Worker.CONCURRENCY,
                1);
        List<String> states = new CopyOnWriteArrayList<>();
        try (var sub = h.hub.subscribe(ALICE, e -> {
            if (Doctypes.JOBS.equals(e.doctype())) {
                states.add(e.doc().path("state").asText() + " "
                        + e.doc().path("exec_count").asInt());
            }
        })) {
            Job running = h.jobs.push(ALICE, JobRequest.of("work", message("n", 1)));
            Job waiting = h.jobs.push(ALICE, JobRequest.of("work", message("n", 2)));
            assertThat(h.awaitState(ALICE, running.id(), Job.RUNNING)
                            .doc()
                            .path("exec_count")
                            .asInt())
                    .isEqualTo(1);
            assertThat(h.jobs.queued(ALICE, "work")).extracting(Job::id).containsExactly(waiting.id());
            assertThat(Documents.json(h.data.database(ALICE, Doctypes.JOBS).get(running.id(), null, false))
                            .path("state")
                            .asText())
                    .isEqualTo(Job.QUEUED);
            release.countDown();
            h.awaitState(ALICE, waiting.id(), Job.DONE);
            Job done = h.awaitState(ALICE, running.id(), Job.DONE);
            assertThat(done.doc().path("exec_count").asInt()).isEqualTo(1);
            assertThat(done.doc().path("started_at").asText()).isNotEmpty();
            Harness.await(() -> states.size() >= 6, "six job events");
            assertThat(states).containsSubsequence("queued 0", "running 1", "done 1");
        }
    }

    @Test
    void aRestartRunsQueuedJobsAndRetriesTheRunningOneCountedNeverTwice() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        h.register(
                "work",
                Harness.worker(job -> {
                    never.await();
                    return null;
                }),
                Worker.CONCURRENCY,
                1);
        Job running = h.jobs.push(ALICE, JobRequest.of("work", message("n", 1)));
        Job queued = h.jobs.push(ALICE, JobRequest.of("work", message("n", 2)));
        Job last = h.jobs.push(ALICE, new JobRequest("work", message("n", 3), null, 1, false, false));
        h.awaitState(ALICE, running.id(), Job.RUNNING);
        assertThat(Documents.json(h.data.database(ALICE, Doctypes.JOBS).get(running.id(), null, false))
                        .path("state")
                        .asText())
                .as("the running state is not written")
                .isEqualTo(Job.QUEUED);
        h.restart();
        Job stopped = h.jobs.job(ALICE, running.id());
        assertThat(stopped.state()).isEqualTo(Job.QUEUED);
        assertThat(stopped.doc().path("exec_count").asInt())
                .as("the interrupted run counts")
                .isEqualTo(1);
        Map<String, AtomicInteger> runs = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        h.register(
                "work",
                Harness.worker(job -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    runs.computeIfAbsent(job.jobId(), k -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(20);
                    concurrent.decrementAndGet();
                    return null;
                }),
                Worker.CONCURRENCY,
                4);
        h.jobs.recover(ALICE);
        assertThat(h.awaitState(ALICE, running.id(), Job.DONE)
                        .doc()
                        .path("exec_count")
                        .asInt())
                .isEqualTo(2);
        assertThat(h.awaitState(ALICE, queued.id(), Job.DONE)
                        .doc()
                        .path("exec_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(h.awaitState(ALICE, last.id(), Job.DONE)
                        .doc()
                        .path("exec_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(runs.get(running.id())).hasValue(1);
        assertThat(runs.get(queued.id())).hasValue(1);
        assertThat(runs.get(last.id())).hasValue(1);
    }

    @Test
    void aRunningJobWithNoRunsLeftEndsErroredAfterARestart() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        h.register("work", Harness.worker(job -> {
            never.await();
            return null;
        }));
        Job job = h.jobs.push(ALICE, new JobRequest("work", message("n", 1), null, 1, false, false));
        h.awaitState(ALICE, job.id(), Job.RUNNING);
        h.restart();
        h.jobs.recover(ALICE);
        Job errored = h.jobs.job(ALICE, job.id());
        assertThat(errored.state()).isEqualTo(Job.ERRORED);
        assertThat(errored.doc().path("error").asText()).isEqualTo(Recovery.INTERRUPTED);
    }

    @Test
    void purgeDeletesOldFinishedJobs() {
        h.register("echo", Harness.worker(job -> null));
        Job old = h.awaitState(
                ALICE,
                h.jobs.push(ALICE, JobRequest.of("echo", message("a", 1))).id(),
                Job.DONE);
        h.clock.advance(java.time.Duration.ofDays(3));
        Job recent = h.awaitState(
                ALICE,
                h.jobs.push(ALICE, JobRequest.of("echo", message("a", 2))).id(),
                Job.DONE);
        assertThat(h.jobs.purge(ALICE, java.time.Duration.ofDays(1), java.util.Set.of("other")))
                .isZero();
        assertThat(h.jobs.purge(ALICE, java.time.Duration.ofDays(1), java.util.Set.of()))
                .isEqualTo(1);
        assertThatThrownBy(() -> h.jobs.job(ALICE, old.id())).hasMessageContaining("Job not found");
        assertThat(h.jobs.job(ALICE, recent.id()).state()).isEqualTo(Job.DONE);
    }

    @Test
    void messagesOverTheLimitAreRefused() {
        h.register("echo", Harness.worker(job -> null));
        ObjectNode big = message("blob", "x".repeat(300_000));
        assertThatThrownBy(() -> h.jobs.push(ALICE, JobRequest.of("echo", big)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> h.jobs.push(ALICE, new JobRequest("echo", message("a", 1), 0, null, false, false)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
}
