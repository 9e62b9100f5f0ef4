package dev.hearth.jobs.internal;

import static dev.hearth.jobs.internal.Harness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.jobs.Worker;
import dev.hearth.jobs.WorkerGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that declines the jobs its triggers fire on their own: no job is created for them. */
class WorkerGateTest {
    @TempDir
    Path dir;

    private Harness h;
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final AtomicReference<@Nullable String> decline = new AtomicReference<>();

    private final class Gated implements Worker, WorkerGate {
        @Override
        public @Nullable JsonNode run(JobContext job) {
            ran.add(job.jobId());
            return null;
        }

        @Override
        public @Nullable String decline(String domain, Trigger trigger) {
            return trigger.doc().path("message").path("m").asText().equals("gated") ? decline.get() : null;
        }
    }

    @BeforeEach
    void start() throws Exception {
        h = new Harness(dir, Map.of("retryDelayMillis", 20L));
        h.register("gated", new Gated());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Trigger trigger(String type, String args) {
        return h.jobs.createTrigger(
                ALICE,
                new TriggerRequest(
                        type, args, "gated", Json.mapper().createObjectNode().put("m", "gated"), null, null));
    }

    @Test
    void aDeclinedScheduleFiresButCreatesNoJobUntilTheWorkerAcceptsAgain() {
        Trigger every = trigger("@every", "1h");
        decline.set("LOGIN_FAILED");
        h.clock.advance(Duration.ofMinutes(60));
        assertThat(h.jobs.tick()).as("the trigger fired").isEqualTo(1);
        assertThat(h.jobs.jobsOfTrigger(ALICE, every.id(), 10)).isEmpty();
        assertThat(h.jobs.trigger(ALICE, every.id())
                        .doc()
                        .path("next_execution")
                        .asText())
                .as("its schedule goes on")
                .isEqualTo("2026-03-01T12:00:00Z");

        decline.set(null);
        h.clock.advance(Duration.ofMinutes(60));
        assertThat(h.jobs.tick()).isEqualTo(1);
        Harness.await(() -> ran.size() == 1, "the accepted job ran");
        assertThat(h.jobs.jobsOfTrigger(ALICE, every.id(), 10)).hasSize(1);
    }

    @Test
    void aDeclinedWebhookCreatesNoJobButAManualLaunchAlwaysDoes() {
        decline.set("USER_ACTION_NEEDED");
        Trigger hook = trigger("@webhook", "");
        assertThat(h.jobs.webhook(ALICE, hook.id(), Json.mapper().createObjectNode(), false))
                .isNull();
        assertThat(h.jobs.jobsOfTrigger(ALICE, hook.id(), 10)).isEmpty();

        Job manual = h.jobs.launch(ALICE, hook.id());
        Harness.await(() -> ran.contains(manual.id()), "the manual job ran");
        Job manualHook = h.jobs.webhook(ALICE, hook.id(), Json.mapper().createObjectNode(), true);
        assertThat(manualHook).isNotNull();
        Harness.await(() -> ran.size() == 2, "the manual webhook job ran");
    }
}
