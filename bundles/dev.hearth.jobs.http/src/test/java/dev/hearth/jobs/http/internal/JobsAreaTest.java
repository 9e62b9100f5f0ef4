package dev.hearth.jobs.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.internal.JobsServiceImpl;
import dev.hearth.jobs.internal.TestJobs;
import dev.hearth.test.web.FakeRequest;
import dev.hearth.test.web.Reply;
import dev.hearth.test.web.Served;
import dev.hearth.test.web.TestHearth;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /jobs routes over a real jobs service and store, with callers of different permissions. */
class JobsAreaTest {
    @TempDir
    Path dir;

    private TestHearth hearth;
    private JobsServiceImpl jobs;
    private Served area;
    private final List<JobContext> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        hearth = TestHearth.in(dir, "alice.localhost");
        jobs = TestJobs.over(hearth.data(), hearth.instances());
        TestJobs.register(jobs, "log", job -> {
            seen.add(job);
            return null;
        });
        area = Served.by(new JobsArea(jobs));
    }

    @AfterEach
    void tearDown() {
        jobs.deactivate();
        hearth.close();
    }

    private Reply call(FakeRequest request, String scope) {
        return area.call(request, hearth.context().cli(scope));
    }

    private Reply anonymous(FakeRequest request) {
        return area.call(request, hearth.context());
    }

    private static void await(java.util.function.BooleanSupplier ok) throws InterruptedException {
        for (int i = 0; i < 1000 && !ok.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(ok.getAsBoolean()).isTrue();
    }

    @Test
    void queueNeedsARuleRestrictedToTheWorker() throws Exception {
        String body = "{\"data\":{\"attributes\":{\"arguments\":{\"hello\":1},\"options\":{\"max_exec_count\":2}}}}";
        Reply whole = call(FakeRequest.of("POST", "/jobs/queue/log").json(body), "io.cozy.jobs");
        assertThat(whole.status()).as(whole.body()).isEqualTo(403);
        Reply other = call(FakeRequest.of("POST", "/jobs/queue/log").json(body), "io.cozy.jobs:POST:sendmail:worker");
        assertThat(other.status()).isEqualTo(403);
        Reply none = anonymous(FakeRequest.of("POST", "/jobs/queue/log").json(body));
        assertThat(none.status()).isEqualTo(401);
        Reply ok = call(FakeRequest.of("POST", "/jobs/queue/log").json(body), "io.cozy.jobs:POST:log:worker");
        assertThat(ok.status()).as(ok.body()).isEqualTo(202);
        assertThat(ok.contentType()).startsWith("application/vnd.api+json");
        JsonNode data = ok.json().path("data");
        assertThat(data.path("type").asText()).isEqualTo("io.cozy.jobs");
        assertThat(data.path("attributes").path("state").asText()).isEqualTo("queued");
        assertThat(data.path("attributes").path("worker").asText()).isEqualTo("log");
        assertThat(data.path("attributes")
                        .path("options")
                        .path("max_exec_count")
                        .asInt())
                .isEqualTo(2);
        String id = data.path("id").asText();
        assertThat(data.path("links").path("self").asText()).isEqualTo("/jobs/log/" + id);
        await(() -> seen.size() == 1);
        assertThat(seen.get(0).message().path("hello").asInt()).isEqualTo(1);
        await(() -> "done"
                .equals(call(FakeRequest.of("GET", "/jobs/" + id), "io.cozy.jobs:GET:log:worker")
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("state")
                        .asText()));
    }

    @Test
    void badQueueRequestsAreJsonApiErrors() {
        String scope = "io.cozy.jobs:POST:nobody,log:worker";
        Reply unknown = call(FakeRequest.of("POST", "/jobs/queue/nobody").json("{}"), scope);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("errors").get(0).path("detail").asText())
                .isEqualTo("Unknown worker type: nobody");
        Reply notJson = call(FakeRequest.of("POST", "/jobs/queue/log").json("{oops"), scope);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("errors").get(0).path("status").asText()).isEqualTo("400");
        Reply badOptions = call(
                FakeRequest.of("POST", "/jobs/queue/log")
                        .json("{\"data\":{\"attributes\":{\"options\":{\"timeout\":-3}}}}"),
                scope);
        assertThat(badOptions.status()).isEqualTo(422);
        Reply huge = call(
                FakeRequest.of("POST", "/jobs/queue/log")
                        .json("{\"data\":{\"attributes\":{\"arguments\":{\"x\":\"" + "a".repeat(300_000) + "\"}}}}"),
                scope);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("errors").isArray()).isTrue();
    }

    @Test
    void triggersCrudStateLaunchAndJobs() throws Exception {
        String scope = "io.cozy.triggers io.cozy.jobs:GET";
        Reply bad = call(
                FakeRequest.of("POST", "/jobs/triggers")
                        .json(
                                "{\"data\":{\"attributes\":{\"type\":\"@cron\",\"arguments\":\"0 0 0 * * FUNDAY\",\"worker\":\"log\"}}}"),
                scope);
        assertThat(bad.status()).isEqualTo(400);
        JsonNode error = bad.json().path("errors").get(0);
        assertThat(error.path("detail").asText()).contains("day of week field \"FUNDAY\"");
        assertThat(error.path("source").path("pointer").asText()).isEqualTo("/data/attributes/arguments");
        Reply created = call(
                FakeRequest.of("POST", "/jobs/triggers")
                        .json(
                                "{\"data\":{\"attributes\":{\"type\":\"@every\",\"arguments\":\"1h\",\"worker\":\"log\",\"message\":{\"a\":1}}}}"),
                scope);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("data").path("id").asText();
        assertThat(created.json()
                        .path("data")
                        .path("attributes")
                        .path("current_state")
                        .path("trigger_id")
                        .asText())
                .isEqualTo(id);
        Reply list = call(FakeRequest.of("GET", "/jobs/triggers?Worker=log&Type=@every"), scope);
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(call(FakeRequest.of("GET", "/jobs/triggers?Type=@cron"), scope)
                        .json()
                        .path("data"))
                .isEmpty();
        Reply launched = call(FakeRequest.of("POST", "/jobs/triggers/" + id + "/launch"), scope);
        assertThat(launched.status()).isEqualTo(201);
        assertThat(launched.json()
                        .path("data")
                        .path("attributes")
                        .path("manual_execution")
                        .asBoolean())
                .isTrue();
        await(() -> seen.size() == 1);
        await(() -> call(FakeRequest.of("GET", "/jobs/triggers/" + id + "/state"), scope)
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("last_manual_job_id")
                        .asText()
                        .length()
                > 0);
        Reply jobsOf = call(FakeRequest.of("GET", "/jobs/triggers/" + id + "/jobs?Limit=5"), scope);
        assertThat(jobsOf.json().path("data")).hasSize(1);
        Reply patched = call(
                FakeRequest.of("PATCH", "/jobs/triggers/" + id)
                        .json("{\"data\":{\"attributes\":{\"arguments\":\"2h\"}}}"),
                scope);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json()
                        .path("data")
                        .path("attributes")
                        .path("arguments")
                        .asText())
                .isEqualTo("2h");
        assertThat(call(FakeRequest.of("DELETE", "/jobs/triggers/" + id), scope).status())
                .isEqualTo(204);
        assertThat(call(FakeRequest.of("GET", "/jobs/triggers/" + id), scope).status())
                .isEqualTo(404);
        assertThat(call(FakeRequest.of("GET", "/jobs/triggers"), "io.cozy.files")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void webhooksArePublicAndPassTheirBody() throws Exception {
        Reply created = call(
                FakeRequest.of("POST", "/jobs/triggers")
                        .json("{\"data\":{\"attributes\":{\"type\":\"@webhook\",\"worker\":\"log\"}}}"),
                "io.cozy.triggers");
        String id = created.json().path("data").path("id").asText();
        assertThat(created.json().path("data").path("links").path("webhook").asText())
                .endsWith("://alice.localhost/jobs/webhooks/" + id);
        Reply fired = anonymous(FakeRequest.of("POST", "/jobs/webhooks/" + id).json("{\"bill\":7}"));
        assertThat(fired.status()).as(fired.body()).isEqualTo(204);
        await(() -> seen.size() == 1);
        assertThat(seen.get(0).payload().path("bill").asInt()).isEqualTo(7);
        assertThat(anonymous(FakeRequest.of("POST", "/jobs/webhooks/nope").json("{}"))
                        .status())
                .isEqualTo(404);
        Reply huge = anonymous(FakeRequest.of("POST", "/jobs/webhooks/" + id).json("\"" + "a".repeat(400_000) + "\""));
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void clientJobsArePatchedAndPurgeDeletesOldJobs() {
        String scope = "io.cozy.triggers io.cozy.jobs";
        Reply created = call(
                FakeRequest.of("POST", "/jobs/triggers")
                        .json("{\"data\":{\"attributes\":{\"type\":\"@client\",\"worker\":\"client\"}}}"),
                scope);
        String id = created.json().path("data").path("id").asText();
        String job = call(FakeRequest.of("POST", "/jobs/triggers/" + id + "/launch"), scope)
                .json()
                .path("data")
                .path("id")
                .asText();
        Reply done = call(
                FakeRequest.of("PATCH", "/jobs/" + job).json("{\"data\":{\"attributes\":{\"state\":\"done\"}}}"),
                scope);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("data").path("attributes").path("state").asText())
                .isEqualTo("done");
        Reply badState = call(
                FakeRequest.of("PATCH", "/jobs/" + job).json("{\"data\":{\"attributes\":{\"state\":\"later\"}}}"),
                scope);
        assertThat(badState.status()).isEqualTo(422);
        Reply purge = call(FakeRequest.of("DELETE", "/jobs/purge?duration=0h"), scope);
        assertThat(purge.status()).isEqualTo(200);
        assertThat(purge.json().path("deleted").asInt()).isEqualTo(1);
        assertThat(call(FakeRequest.of("DELETE", "/jobs/purge?duration=soon"), scope)
                        .status())
                .isEqualTo(422);
        assertThat(call(FakeRequest.of("DELETE", "/jobs/purge"), "io.cozy.jobs:GET")
                        .status())
                .isEqualTo(403);
    }
}
