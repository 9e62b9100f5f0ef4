package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.itests.jobs.WorkerBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Jobs in the real distribution: a worker registered by a bundle runs jobs over HTTP, retries,
 * timeouts, fairness, triggers fed by real writes, webhooks, a restart of the jobs bundle in the
 * middle of a run, and the errors of bad requests.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobsIT extends HearthTestSupport {
    private static final String WORKER_SCOPE = "io.cozy.jobs:POST:it-echo:worker%20io.cozy.jobs:GET";

    @Inject
    private BundleContext bundles;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private Http.Response queue(String domain, String token, String worker, String attributes) {
        return Http.post(publicUrl() + "/jobs/queue/" + worker)
                .host(domain)
                .bearer(token)
                .header("Content-Type", "application/vnd.api+json")
                .body("{\"data\":{\"attributes\":" + attributes + "}}")
                .send();
    }

    private String queued(String domain, String token, String attributes) {
        Http.Response r = queue(domain, token, "it-echo", attributes);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("data").path("id").asText();
    }

    private JsonNode job(String domain, String token, String id) {
        Http.Response r =
                Http.get(publicUrl() + "/jobs/" + id).host(domain).bearer(token).send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data").path("attributes");
    }

    private JsonNode awaitJob(String domain, String token, String id, String state) {
        return await(() -> {
            JsonNode job = job(domain, token, id);
            return job.path("state").asText().equals(state) ? job : null;
        });
    }

    @Test
    public void aWorkerOfABundleRunsJobsRetriesTimesOutAndStopsWithItsBundle() throws Exception {
        String alice = createInstance("alice");
        String token = cliToken(alice, WORKER_SCOPE);
        Bundle worker = WorkerBundle.install(bundles);
        try {
            String id = queued(alice, token, "{\"arguments\":{\"text\":\"hi\"}}");
            JsonNode done = awaitJob(alice, token, id, "done");
            assertThat(done.path("result").path("bundle").asLong()).isEqualTo(worker.getBundleId());
            assertThat(done.path("result").path("message").path("text").asText())
                    .isEqualTo("hi");

            long start = System.nanoTime();
            String flaky = queued(alice, token, "{\"arguments\":{\"fail\":2}}");
            JsonNode retried = awaitJob(alice, token, flaky, "done");
            assertThat(retried.path("exec_count").asInt()).isEqualTo(3);
            // default back-off: 2 s, then 4 s
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(6000);

            String slow = queued(
                    alice,
                    token,
                    "{\"arguments\":{\"sleep_ms\":30000},\"options\":{\"timeout\":1,\"max_exec_count\":1}}");
            JsonNode timedOut = awaitJob(alice, token, slow, "errored");
            assertThat(timedOut.path("error").asText()).isEqualTo("context deadline exceeded");
        } finally {
            worker.uninstall();
        }
        Http.Response gone = queue(alice, token, "it-echo", "{\"arguments\":{}}");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("errors").get(0).path("detail").asText()).isEqualTo("Unknown worker type: it-echo");
    }

    @Test
    public void oneInstanceFloodingTheQueueDelaysAnotherByOneJobAtMost() throws Exception {
        String alice = createInstance("alice");
        String bob = createInstance("bob");
        String aliceToken = cliToken(alice, WORKER_SCOPE);
        String bobToken = cliToken(bob, WORKER_SCOPE);
        Bundle worker = WorkerBundle.install(bundles);
        try {
            List<String> flood = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                flood.add(queued(alice, aliceToken, "{\"arguments\":{\"sleep_ms\":50}}"));
            }
            String bobs = queued(bob, bobToken, "{\"arguments\":{}}");
            JsonNode bobJob = awaitJob(bob, bobToken, bobs, "done");
            Instant bobQueued = Instant.parse(bobJob.path("queued_at").asText());
            Instant bobStarted = Instant.parse(bobJob.path("started_at").asText());
            int startedBetween = 0;
            for (String id : flood) {
                JsonNode a = job(alice, aliceToken, id);
                if (a.has("started_at")) {
                    Instant started = Instant.parse(a.path("started_at").asText());
                    if (started.isAfter(bobQueued) && started.isBefore(bobStarted)) {
                        startedBetween++;
                    }
                }
            }
            assertThat(startedBetween).isLessThanOrEqualTo(1);
            await(() -> flood.stream()
                            .allMatch(id -> job(alice, aliceToken, id)
                                    .path("state")
                                    .asText()
                                    .equals("done"))
                    ? Boolean.TRUE
                    : null);
        } finally {
            worker.uninstall();
        }
    }

    @Test
    public void aRestartOfTheJobsBundleRetriesTheRunningJobAndRunsTheQueuedOnes() throws Exception {
        String alice = createInstance("alice");
        String token = cliToken(alice, WORKER_SCOPE);
        Bundle worker = WorkerBundle.install(bundles);
        Bundle jobsBundle = bundle("dev.hearth.jobs");
        try {
            String running = queued(alice, token, "{\"arguments\":{\"sleep_first_ms\":60000}}");
            String waiting = queued(alice, token, "{\"arguments\":{\"n\":2}}");
            awaitJob(alice, token, running, "running");
            jobsBundle.stop();
            jobsBundle.start();
            JsonNode retried = awaitJob(alice, token, running, "done");
            assertThat(retried.path("exec_count").asInt()).isEqualTo(2);
            assertThat(retried.path("result").path("attempt").asInt()).isEqualTo(2);
            JsonNode other = awaitJob(alice, token, waiting, "done");
            assertThat(other.path("exec_count").asInt()).isEqualTo(1);
        } finally {
            worker.uninstall();
        }
    }

    private Bundle bundle(String name) {
        for (Bundle b : bundles.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("No bundle " + name);
    }

    private Http.Response createTrigger(String domain, String token, String attributes) {
        return Http.post(publicUrl() + "/jobs/triggers")
                .host(domain)
                .bearer(token)
                .header("Content-Type", "application/vnd.api+json")
                .body("{\"data\":{\"attributes\":" + attributes + "}}")
                .send();
    }

    private String trigger(String domain, String token, String attributes) {
        Http.Response r = createTrigger(domain, token, attributes);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data").path("id").asText();
    }

    private JsonNode jobsOf(String domain, String token, String trigger) {
        Http.Response r = Http.get(publicUrl() + "/jobs/triggers/" + trigger + "/jobs?Limit=100")
                .host(domain)
                .bearer(token)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    private String write(String domain, String token, String doctype, String json) {
        Http.Response r = Http.post(publicUrl() + "/data/" + doctype + "/")
                .host(domain)
                .bearer(token)
                .header("Content-Type", "application/json")
                .body(json)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText() + " " + r.json().path("rev").asText();
    }

    private void update(String domain, String token, String doctype, String idRev, String json) {
        String[] parts = idRev.split(" ");
        Http.Response r = Http.method("PUT", publicUrl() + "/data/" + doctype + "/" + parts[0])
                .host(domain)
                .bearer(token)
                .header("Content-Type", "application/json")
                .body(json.replace("{", "{\"_id\":\"" + parts[0] + "\",\"_rev\":\"" + parts[1] + "\","))
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    public void eventTriggersWithSelectorsChangesAndDebounce() throws Exception {
        String alice = createInstance("alice");
        String token = cliToken(alice, "io.cozy.triggers%20io.cozy.jobs:GET%20io.cozy.bills");
        String images = trigger(
                alice,
                token,
                "{\"type\":\"@event\",\"arguments\":"
                        + "\"io.cozy.bills:CREATED,UPDATED:image:kind\",\"worker\":\"log\"}");
        String amounts = trigger(
                alice,
                token,
                "{\"type\":\"@event\",\"arguments\":" + "\"io.cozy.bills:UPDATED:!=:amount\",\"worker\":\"log\"}");
        String burst = trigger(
                alice,
                token,
                "{\"type\":\"@event\",\"arguments\":\"io.cozy.bills:CREATED\","
                        + "\"worker\":\"log\",\"debounce\":\"1s\"}");
        String image = write(alice, token, "io.cozy.bills", "{\"kind\":\"image\",\"amount\":1}");
        write(alice, token, "io.cozy.bills", "{\"kind\":\"pdf\",\"amount\":2}");
        await(() -> jobsOf(alice, token, images).size() == 1 ? Boolean.TRUE : null);
        await(() -> jobsOf(alice, token, burst).size() == 1 ? Boolean.TRUE : null);
        JsonNode burstJob = jobsOf(alice, token, burst).get(0).path("attributes");
        assertThat(burstJob.path("debounced").asBoolean()).isTrue();
        update(alice, token, "io.cozy.bills", image, "{\"kind\":\"image\",\"amount\":1,\"note\":\"x\"}");
        await(() -> jobsOf(alice, token, images).size() == 2 ? Boolean.TRUE : null);
        // the creation was seen: updates that keep the amount do not fire the != trigger
        String current = image.split(" ")[0] + " " + currentRev(alice, token, image.split(" ")[0]);
        update(alice, token, "io.cozy.bills", current, "{\"kind\":\"image\",\"amount\":1,\"note\":\"y\"}");
        current = image.split(" ")[0] + " " + currentRev(alice, token, image.split(" ")[0]);
        update(alice, token, "io.cozy.bills", current, "{\"kind\":\"image\",\"amount\":5}");
        await(() -> jobsOf(alice, token, amounts).size() == 1 ? Boolean.TRUE : null);
        await(() -> jobsOf(alice, token, images).size() == 4 ? Boolean.TRUE : null);
        Thread.sleep(1500);
        assertThat(jobsOf(alice, token, amounts)).hasSize(1);
        assertThat(jobsOf(alice, token, burst)).hasSize(1);
        JsonNode changed = jobsOf(alice, token, amounts).get(0).path("attributes");
        assertThat(changed.path("event").path("doc").path("amount").asInt()).isEqualTo(5);
    }

    private String currentRev(String domain, String token, String id) {
        return Http.get(publicUrl() + "/data/io.cozy.bills/" + id)
                .host(domain)
                .bearer(token)
                .send()
                .json()
                .path("_rev")
                .asText();
    }

    @Test
    public void webhooksAndBadRequests() throws Exception {
        String alice = createInstance("alice");
        String bob = createInstance("bob");
        String token = cliToken(alice, WORKER_SCOPE + "%20io.cozy.triggers");
        Bundle worker = WorkerBundle.install(bundles);
        try {
            Http.Response created = createTrigger(alice, token, "{\"type\":\"@webhook\",\"worker\":\"it-echo\"}");
            String hook = created.json().path("data").path("id").asText();
            assertThat(created.json().path("data").path("links").path("webhook").asText())
                    .isEqualTo("http://" + alice + "/jobs/webhooks/" + hook);
            Http.Response fired = Http.post(publicUrl() + "/jobs/webhooks/" + hook)
                    .host(alice)
                    .header("Content-Type", "application/json")
                    .body("{\"account\":\"a1\",\"n\":[1,2]}")
                    .send();
            assertThat(fired.status()).as(fired.body()).isEqualTo(204);
            await(() -> jobsOf(alice, token, hook).size() == 1
                            && jobsOf(alice, token, hook)
                                    .get(0)
                                    .path("attributes")
                                    .path("state")
                                    .asText()
                                    .equals("done")
                    ? Boolean.TRUE
                    : null);
            JsonNode result =
                    jobsOf(alice, token, hook).get(0).path("attributes").path("result");
            assertThat(result.path("payload").path("account").asText()).isEqualTo("a1");

            Http.Response otherInstance = Http.post(publicUrl() + "/jobs/webhooks/" + hook)
                    .host(bob)
                    .header("Content-Type", "application/json")
                    .body("{}")
                    .send();
            assertThat(otherInstance.status()).isEqualTo(404);
            assertThat(otherInstance.json().path("errors").get(0).path("status").asText())
                    .isEqualTo("404");
            Http.Response huge = Http.post(publicUrl() + "/jobs/webhooks/" + hook)
                    .host(alice)
                    .header("Content-Type", "application/json")
                    .body("\"" + "x".repeat(300_000) + "\"")
                    .send();
            assertThat(huge.status()).isEqualTo(413);

            Http.Response unknown = queue(alice, cliToken(alice, "io.cozy.jobs:POST:nobody:worker"), "nobody", "{}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("errors").get(0).path("detail").asText())
                    .contains("Unknown worker type");
            Http.Response whole = queue(alice, cliToken(alice, "io.cozy.jobs"), "it-echo", "{}");
            assertThat(whole.status()).isEqualTo(403);
            Http.Response badCron = createTrigger(
                    alice, token, "{\"type\":\"@cron\",\"arguments\":\"0 0 25 * * *\",\"worker\":\"it-echo\"}");
            assertThat(badCron.status()).isEqualTo(400);
            JsonNode error = badCron.json().path("errors").get(0);
            assertThat(error.path("detail").asText()).contains("hour field \"25\"");
            assertThat(error.path("source").path("pointer").asText()).isEqualTo("/data/attributes/arguments");
            Http.Response badType = createTrigger(alice, token, "{\"type\":\"@sometimes\",\"worker\":\"it-echo\"}");
            assertThat(badType.status()).isEqualTo(400);
            assertThat(badType.json().path("errors").get(0).path("detail").asText())
                    .contains("@sometimes");
        } finally {
            worker.uninstall();
        }
    }
}
