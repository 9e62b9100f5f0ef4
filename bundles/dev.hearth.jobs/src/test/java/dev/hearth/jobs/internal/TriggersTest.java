package dev.hearth.jobs.internal;

import static dev.hearth.jobs.internal.Harness.ALICE;
import static dev.hearth.jobs.internal.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggersTest {
    @TempDir
    Path dir;

    Harness h;
    final List<JobSeen> seen = new CopyOnWriteArrayList<>();

    record JobSeen(String domain, String trigger, JsonNode message, JsonNode event, JsonNode payload, boolean manual) {}

    @BeforeEach
    void start() throws Exception {
        h = new Harness(dir, Map.of("retryDelayMillis", 20L));
        registerRecorder();
    }

    void registerRecorder() {
        h.register("rec", Harness.worker(job -> {
            seen.add(new JobSeen(
                    job.domain(), job.triggerId(), job.message(), job.event(), job.payload(), job.manual()));
            return null;
        }));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    TriggerRequest trigger(String type, String args) {
        return new TriggerRequest(
                type, args, "rec", Json.mapper().createObjectNode().put("m", type), null, null);
    }

    List<Job> jobsOf(String domain, Trigger t) {
        return h.jobs.jobsOfTrigger(domain, t.id(), 1000);
    }

    @Test
    void everyFiresOnSchedulePersistsItsNextTimeAndFiresOnceForAMissedBacklog() {
        Trigger t = h.jobs.createTrigger(ALICE, trigger("@every", "1h"));
        assertThat(t.doc().path("next_execution").asText()).isEqualTo("2026-03-01T11:00:00Z");
        assertThat(h.jobs.tick()).isZero();
        h.clock.advance(Duration.ofMinutes(60));
        assertThat(h.jobs.tick()).isEqualTo(1);
        Harness.await(() -> seen.size() == 1, "one job");
        assertThat(seen.get(0).trigger()).isEqualTo(t.id());
        assertThat(seen.get(0).message().path("m").asText()).isEqualTo("@every");
        assertThat(h.jobs.trigger(ALICE, t.id()).doc().path("next_execution").asText())
                .isEqualTo("2026-03-01T12:00:00Z");
        // the server is down ten hours: one fire at start, then the schedule goes on from now
        h.restart();
        registerRecorder();
        h.clock.advance(Duration.ofHours(10).plusMinutes(30));
        h.jobs.recover(ALICE);
        assertThat(h.jobs.tick()).isEqualTo(1);
        assertThat(h.jobs.tick()).isZero();
        Harness.await(() -> seen.size() == 2, "the missed fire");
        assertThat(h.jobs.nextFire(ALICE, t.id())).isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
        String newest = jobsOf(ALICE, t).get(0).id();
        Harness.await(
                () -> newest.equals(h.jobs.trigger(ALICE, t.id())
                        .doc()
                        .path("current_state")
                        .path("last_successful_job_id")
                        .asText()),
                "the trigger's state");
        ObjectNode state = (ObjectNode) h.jobs.trigger(ALICE, t.id()).doc().path("current_state");
        assertThat(state.path("status").asText()).isEqualTo("done");
        assertThat(state.path("trigger_id").asText()).isEqualTo(t.id());
    }

    @Test
    void atFiresOnceAndIsDeleted() {
        Trigger t = h.jobs.createTrigger(ALICE, trigger("@at", "2026-03-01T10:30:00Z"));
        h.clock.advance(Duration.ofMinutes(29));
        assertThat(h.jobs.tick()).isZero();
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.jobs.tick()).isEqualTo(1);
        Harness.await(() -> seen.size() == 1, "the job");
        assertThatThrownBy(() -> h.jobs.trigger(ALICE, t.id())).hasMessageContaining("Trigger not found");
    }

    @Test
    void cronAndDailyTriggersFollowTheClock() {
        Trigger cron = h.jobs.createTrigger(ALICE, trigger("@cron", "0 0 0 31 * *"));
        assertThat(cron.doc().path("next_execution").asText()).isEqualTo("2026-03-31T00:00:00Z");
        Trigger daily = h.jobs.createTrigger(ALICE, trigger("@daily", "between 2am and 3am"));
        Instant next = Instant.parse(daily.doc().path("next_execution").asText());
        assertThat(next).isBetween(Instant.parse("2026-03-02T02:00:00Z"), Instant.parse("2026-03-02T03:00:00Z"));
        h.clock.now = next;
        assertThat(h.jobs.tick()).isEqualTo(1);
        assertThat(h.jobs.nextFire(ALICE, daily.id())).isEqualTo(next.plus(Duration.ofDays(1)));
    }

    @Test
    void badArgumentsAreA400NamingThePart() {
        assertThatThrownBy(() -> h.jobs.createTrigger(ALICE, trigger("@cron", "0 0 99 * * *")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("hour field \"99\"");
        assertThatThrownBy(() -> h.jobs.createTrigger(ALICE, trigger("@daily", "after lunch")))
                .hasMessageContaining("\"lunch\" is not an hour");
        assertThatThrownBy(() -> h.jobs.createTrigger(ALICE, trigger("@weekly", "on someday")))
                .hasMessageContaining("\"someday\" is not a day");
        assertThatThrownBy(() -> h.jobs.createTrigger(
                        ALICE,
                        new TriggerRequest(
                                "@every", "1h", "nobody", Json.mapper().createObjectNode(), null, null)))
                .hasMessageContaining("Unknown worker type: nobody");
        assertThatThrownBy(() -> h.jobs.createTrigger(
                        ALICE,
                        new TriggerRequest(
                                "@event", "io.cozy.files", "rec", Json.mapper().createObjectNode(), "soon", null)))
                .hasMessageContaining("Invalid debounce");
        assertThat(h.jobs.triggers(ALICE, Set.of(), Set.of())).isEmpty();
    }

    Database files(String domain) {
        return h.data.database(domain, "io.cozy.files");
    }

    static ObjectNode doc(String id, String cls, String md5) {
        return Json.mapper().createObjectNode().put("_id", id).put("class", cls).put("md5sum", md5);
    }

    @Test
    void eventTriggersMatchVerbsValuesAndSelectors() {
        Trigger images = h.jobs.createTrigger(ALICE, trigger("@event", "io.cozy.files:CREATED,UPDATED:image:class"));
        files(ALICE).save(doc("f1", "image", "a"));
        files(ALICE).save(doc("f2", "pdf", "b"));
        files(BOB).save(doc("f3", "image", "c"));
        Harness.await(() -> seen.size() == 1, "the image event");
        assertThat(seen.get(0).domain()).isEqualTo(ALICE);
        assertThat(seen.get(0).event().path("verb").asText()).isEqualTo("CREATED");
        assertThat(seen.get(0).event().path("doc").path("_id").asText()).isEqualTo("f1");
        assertThat(jobsOf(ALICE, images)).hasSize(1);
    }

    @Test
    void theChangedFormFiresOnlyWhenTheFieldChanges() throws Exception {
        h.jobs.createTrigger(ALICE, trigger("@event", "io.cozy.files:CREATED,UPDATED:!=:md5sum"));
        ObjectNode f = doc("f1", "image", "a");
        String rev = files(ALICE).save(f.deepCopy()).rev();
        Harness.await(() -> seen.size() == 1, "the creation");
        rev = files(ALICE)
                .save(f.deepCopy().put("_rev", rev).put("name", "renamed"))
                .rev();
        rev = files(ALICE)
                .save(f.deepCopy().put("_rev", rev).put("name", "again"))
                .rev();
        files(ALICE).save(f.deepCopy().put("_rev", rev).put("md5sum", "b"));
        Harness.await(() -> seen.size() == 2, "the content change");
        Thread.sleep(200);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).event().path("doc").path("md5sum").asText()).isEqualTo("b");
    }

    @Test
    void debounceCoalescesABurstIntoOneJob() throws Exception {
        h.jobs.createTrigger(
                ALICE,
                new TriggerRequest(
                        "@event", "io.cozy.files", "rec", Json.mapper().createObjectNode(), "300ms", null));
        for (int i = 0; i < 10; i++) {
            files(ALICE).save(doc("d" + i, "x", "y"));
        }
        Harness.await(() -> seen.size() == 1, "the debounced job");
        Thread.sleep(500);
        assertThat(seen).hasSize(1);
        List<Job> jobs = h.jobs.jobsOfTrigger(
                ALICE, h.jobs.triggers(ALICE, Set.of(), Set.of()).get(0).id(), 10);
        assertThat(jobs.get(0).doc().path("debounced").asBoolean()).isTrue();
        assertThat(seen.get(0).event().path("doc").path("_id").asText()).isEqualTo("d9");
    }

    @Test
    void webhooksCarryTheirPayloadAndBelongToTheirInstance() {
        Trigger hook = h.jobs.createTrigger(ALICE, trigger("@webhook", ""));
        ObjectNode body = Json.mapper().createObjectNode().put("bill", 42);
        h.jobs.webhook(ALICE, hook.id(), body, false);
        Harness.await(() -> seen.size() == 1, "the webhook job");
        assertThat(seen.get(0).payload()).isEqualTo(body);
        assertThatThrownBy(() -> h.jobs.webhook(BOB, hook.id(), body, false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        Trigger every = h.jobs.createTrigger(ALICE, trigger("@every", "1h"));
        assertThatThrownBy(() -> h.jobs.webhook(ALICE, every.id(), body, false))
                .hasMessageContaining("Trigger not found");
        ObjectNode huge = Json.mapper().createObjectNode().put("blob", "x".repeat(300_000));
        assertThatThrownBy(() -> h.jobs.webhook(ALICE, hook.id(), huge, false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void launchRunsManuallyAndClientJobsAreFinishedByTheClient() {
        Trigger every = h.jobs.createTrigger(ALICE, trigger("@every", "24h"));
        h.jobs.launch(ALICE, every.id());
        Harness.await(() -> seen.size() == 1, "the launched job");
        assertThat(seen.get(0).manual()).isTrue();
        Trigger client = h.jobs.createTrigger(
                ALICE, new TriggerRequest("@client", "", "client", Json.mapper().createObjectNode(), null, null));
        Job job = h.jobs.launch(ALICE, client.id());
        assertThat(job.state()).isEqualTo(Job.RUNNING);
        assertThatThrownBy(() -> h.jobs.finishClientJob(ALICE, job.id(), "finished", null))
                .hasMessageContaining("done or errored");
        Job finished = h.jobs.finishClientJob(ALICE, job.id(), "errored", "LOGIN_FAILED");
        assertThat(finished.doc().path("error").asText()).isEqualTo("LOGIN_FAILED");
        ObjectNode state = (ObjectNode) h.jobs.trigger(ALICE, client.id()).doc().path("current_state");
        assertThat(state.path("last_error").asText()).isEqualTo("LOGIN_FAILED");
        assertThat(state.path("last_manual_job_id").asText()).isEqualTo(job.id());
        Job other = h.awaitState(
                ALICE, h.jobs.jobsOfTrigger(ALICE, every.id(), 1).get(0).id(), Job.DONE);
        assertThatThrownBy(() -> h.jobs.finishClientJob(ALICE, other.id(), "done", null))
                .hasMessageContaining("client worker");
    }

    @Test
    void triggersAreListedFilteredUpdatedAndDeleted() {
        Trigger a = h.jobs.createTrigger(ALICE, trigger("@every", "1h"));
        h.jobs.createTrigger(ALICE, trigger("@webhook", ""));
        assertThat(h.jobs.triggers(ALICE, Set.of(), Set.of("@every")))
                .extracting(Trigger::id)
                .containsExactly(a.id());
        assertThat(h.jobs.triggers(ALICE, Set.of("rec"), Set.of())).hasSize(2);
        assertThat(h.jobs.triggers(BOB, Set.of(), Set.of())).isEmpty();
        Trigger updated = h.jobs.updateTrigger(
                ALICE, a.id(), "2h", Json.mapper().createObjectNode().put("v", 2));
        assertThat(updated.doc().path("next_execution").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(h.jobs.nextFire(ALICE, a.id())).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        h.jobs.deleteTrigger(ALICE, a.id());
        assertThat(h.jobs.nextFire(ALICE, a.id())).isNull();
        assertThatThrownBy(() -> h.jobs.deleteTrigger(ALICE, a.id())).hasMessageContaining("Trigger not found");
    }
}
