package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Predicate;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Konnectors and app services in the real distribution: a konnector installed through the
 * installer logs in to a vendor site on loopback, writes a document and a file in {@code
 * folder_to_save} through the API with its {@code konn} token and reports on realtime; a login
 * failure errors its job and skips the next automatic run; deleting its account runs {@code
 * on_delete_account}; a webapp's service runs on an {@code @event} trigger with {@code
 * COZY_COUCH_DOC}; and the konnector routes refuse callers without the permission.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KonnectorsIT extends AppsSupport {
    private static final String SLUG = "itkonn";
    private static final String PERMS_SLUG = "itperms";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    /** Lets runs reach the vendor site on loopback, and waits for the workers to come back. */
    private void trust(LoopbackServer vendor) throws Exception {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration js = context.getService(ref).getConfiguration("dev.hearth.js", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        String stamp = Long.toString(System.nanoTime());
        properties.put("trustedAddresses", new String[] {vendor.url("").substring("http://".length())});
        properties.put("test.stamp", stamp);
        js.update(properties);
        await(() -> {
            ServiceReference<?> sandbox = context.getServiceReference("dev.hearth.js.JsSandbox");
            if (sandbox == null || !stamp.equals(sandbox.getProperty("test.stamp"))) {
                return null;
            }
            try {
                ServiceReference<?>[] workers = context.getServiceReferences(
                        "dev.hearth.jobs.Worker", "(|(hearth.worker.type=konnector)(hearth.worker.type=service))");
                return workers != null && workers.length == 2 ? Boolean.TRUE : null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Http.Response send(String method, String path, String domain, String token, String body) {
        Http.Request r = Http.method(method, publicUrl() + path).host(domain).json();
        if (token != null) {
            r.bearer(token);
        }
        if (body != null) {
            r.header("Content-Type", "application/json").body(body);
        }
        return r.send();
    }

    private JsonNode job(String domain, String token, String id) {
        Http.Response r = send("GET", "/jobs/" + id, domain, token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data").path("attributes");
    }

    private JsonNode awaitEnd(String domain, String token, String id) {
        return await(() -> {
            JsonNode job = job(domain, token, id);
            String state = job.path("state").asText();
            return state.equals("done") || state.equals("errored") ? job : null;
        });
    }

    /** The documents of a doctype that match {@code filter}, once there are {@code count}. */
    private List<JsonNode> awaitDocs(
            String domain, String token, String doctype, int count, Predicate<JsonNode> filter) {
        return await(() -> {
            Http.Response r = send("GET", "/data/" + doctype + "/_all_docs?include_docs=true", domain, token, null);
            if (r.status() != 200) {
                return null;
            }
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode row : r.json().path("rows")) {
                if (!row.path("id").asText().startsWith("_design") && filter.test(row.path("doc"))) {
                    out.add(row.path("doc"));
                }
            }
            return out.size() >= count ? out : null;
        });
    }

    /** The messages of the job events received for a job, waiting for one that ends with {@code last}. */
    private static List<String> events(RealtimeIT.Client socket, String jobId, String last) throws Exception {
        List<String> messages = new ArrayList<>();
        while (messages.isEmpty() || !messages.get(messages.size() - 1).startsWith(last)) {
            JsonNode frame = socket.next();
            JsonNode payload = frame.path("payload");
            if (payload.path("type").asText().equals("io.cozy.jobs.events")
                    && payload.path("id").asText().equals(jobId)) {
                assertThat(frame.path("event").asText()).isEqualTo("CREATED");
                messages.add(payload.path("doc").path("type").asText() + " "
                        + payload.path("doc").path("message").asText());
            }
        }
        return messages;
    }

    @Test
    public void aKonnectorRunsUnderTheCozyContractFailsLoginsSkipsAndCleansUp() throws Exception {
        try (LoopbackServer vendor = new LoopbackServer()) {
            vendor.serve("/login/secret", "text/plain", "bill-42".getBytes(StandardCharsets.UTF_8));
            trust(vendor);
            String domain = createInstance("konnrun");
            String cli = cliToken(
                    domain,
                    "io.cozy.konnectors%20io.cozy.accounts%20io.cozy.triggers%20io.cozy.jobs"
                            + "%20io.cozy.bills%20io.cozy.files%20io.cozy.jobs.events:GET");
            Http.Response installed = apps(
                    "POST",
                    "/konnectors/" + SLUG + "?Source="
                            + KonnectorArchives.konnector(SLUG, vendor.url("")).toUri(),
                    domain,
                    cli);
            assertThat(installed.status()).as(installed.body()).isEqualTo(202);

            Http.Response account = send(
                    "POST",
                    "/data/io.cozy.accounts/",
                    domain,
                    cli,
                    "{\"account_type\":\"" + SLUG
                            + "\",\"name\":\"me\",\"auth\":{\"login\":\"me\",\"password\":\"secret\"}}");
            assertThat(account.status()).as(account.body()).isEqualTo(201);
            String accountId = account.json().path("id").asText();

            Http.Response created =
                    send("POST", "/konnectors/" + SLUG + "/trigger?AccountID=" + accountId, domain, cli, null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode trigger = created.json().path("data");
            String triggerId = trigger.path("id").asText();
            assertThat(trigger.path("type").asText()).isEqualTo("io.cozy.triggers");
            assertThat(trigger.path("attributes").path("type").asText()).isEqualTo("@cron");
            assertThat(trigger.path("attributes").path("worker").asText()).isEqualTo("konnector");
            assertThat(trigger.path("attributes").path("arguments").asText().split(" "))
                    .hasSize(6);
            JsonNode message = trigger.path("attributes").path("message");
            assertThat(message.path("account").asText()).isEqualTo(accountId);
            assertThat(message.path("folder_to_save").asText()).isEqualTo("yes");

            RealtimeIT.Client socket =
                    RealtimeIT.Client.open("ws://127.0.0.1:" + publicPort() + "/realtime/", domain, true);
            socket.send("{\"method\":\"AUTH\",\"payload\":\"" + cli + "\"}");
            socket.subscribe("io.cozy.jobs.events", null);
            socket.sync();

            // A manual run logs in, writes a bill and a file in the folder it was given.
            Http.Response launched = send("POST", "/jobs/triggers/" + triggerId + "/launch", domain, cli, null);
            assertThat(launched.status()).as(launched.body()).isEqualTo(201);
            String jobId = launched.json().path("data").path("id").asText();
            JsonNode done = awaitEnd(domain, cli, jobId);
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("done");
            JsonNode figures = done.path("result");
            assertThat(figures.path("cpu_ms").asLong()).isPositive();
            assertThat(figures.path("wall_ms").asLong()).isPositive();
            assertThat(figures.path("allocated_bytes").asLong()).isPositive();
            assertThat(figures.path("requests").asInt()).isEqualTo(4);
            assertThat(figures.path("request_bytes").asLong()).isPositive();
            List<String> seen = events(socket, jobId, "info file");
            assertThat(seen.get(0))
                    .startsWith("info start job=" + jobId + " manual=true trigger=" + triggerId
                            + " locale=en language=node limit=");
            assertThat(seen.get(0)).endsWith(" payload= url=http://" + domain + "/");
            assertThat(seen).containsSubsequence("info bill 201", "info file 201");

            JsonNode folderMessage = send("GET", "/jobs/triggers/" + triggerId, domain, cli, null)
                    .json()
                    .path("data")
                    .path("attributes")
                    .path("message");
            String folderId = folderMessage.path("folder_to_save").asText();
            assertThat(folderId).isNotEqualTo("yes");
            Http.Response folder = send("GET", "/files/" + folderId, domain, cli, null);
            assertThat(folder.status()).as(folder.body()).isEqualTo(200);
            assertThat(folder.json()
                            .path("data")
                            .path("attributes")
                            .path("path")
                            .asText())
                    .isEqualTo("/Administrative/Konnector Itkonn/me");
            Http.Response file = send(
                    "GET",
                    "/files/metadata?Path=/Administrative/Konnector%20Itkonn/me/bill-" + jobId + ".txt",
                    domain,
                    cli,
                    null);
            assertThat(file.status()).as(file.body()).isEqualTo(200);
            assertThat(file.json().path("data").path("attributes").path("size").asText())
                    .isEqualTo("7");
            assertThat(awaitDocs(
                            domain,
                            cli,
                            "io.cozy.bills",
                            1,
                            d -> d.path("text").asText().equals("bill-42")))
                    .hasSize(1);
            assertThat(send("GET", "/data/io.cozy.accounts/" + accountId, domain, cli, null)
                            .json()
                            .path("defaultFolderPath")
                            .asText())
                    .isEqualTo("/Administrative/Konnector Itkonn/me");

            // A wrong password: LOGIN_FAILED, not retried, then the next automatic run is declined.
            JsonNode acc = send("GET", "/data/io.cozy.accounts/" + accountId, domain, cli, null)
                    .json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) acc.path("auth")).put("password", "wrong");
            assertThat(send("PUT", "/data/io.cozy.accounts/" + accountId, domain, cli, acc.toString())
                            .status())
                    .isEqualTo(200);
            Http.Response webhook = send(
                    "POST",
                    "/jobs/triggers",
                    domain,
                    cli,
                    "{\"data\":{\"attributes\":{\"type\":\"@webhook\",\"worker\":\"konnector\",\"message\":"
                            + folderMessage + "}}}");
            assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
            String hookId = webhook.json().path("data").path("id").asText();
            assertThat(send("POST", "/jobs/webhooks/" + hookId, domain, null, "{\"n\":1}")
                            .status())
                    .isEqualTo(204);
            String failedId = await(() -> lastJob(domain, cli, hookId, null));
            JsonNode failed = awaitEnd(domain, cli, failedId);
            assertThat(failed.path("state").asText()).isEqualTo("errored");
            assertThat(failed.path("error").asText()).isEqualTo("LOGIN_FAILED");
            assertThat(failed.path("exec_count").asInt()).as("not retried").isEqualTo(1);
            assertThat(failed.path("result").path("requests").asInt()).isEqualTo(2);
            List<String> failure = events(socket, failedId, "critical");
            assertThat(failure.get(0)).startsWith("info start job=" + failedId + " manual=false trigger=" + hookId);
            assertThat(failure.get(0)).contains(" payload={\"n\":1} ");
            assertThat(failure.subList(1, failure.size()))
                    .containsExactly("error the vendor said 404", "critical LOGIN_FAILED");

            // Once the trigger's state has the error, the next automatic run is declined before
            // its job exists, as in cozy-stack.
            await(() -> send("GET", "/jobs/triggers/" + hookId + "/state", domain, cli, null)
                            .json()
                            .path("data")
                            .path("attributes")
                            .path("last_error")
                            .asText()
                            .equals("LOGIN_FAILED")
                    ? Boolean.TRUE
                    : null);
            assertThat(send("POST", "/jobs/webhooks/" + hookId, domain, null, "{\"n\":2}")
                            .status())
                    .isEqualTo(204);
            assertThat(lastJob(domain, cli, hookId, failedId))
                    .as("no job for the declined run")
                    .isNull();

            // Deleting the account deletes its triggers and runs on_delete_account.
            String rev = send("GET", "/data/io.cozy.accounts/" + accountId, domain, cli, null)
                    .json()
                    .path("_rev")
                    .asText();
            assertThat(send("DELETE", "/data/io.cozy.accounts/" + accountId + "?rev=" + rev, domain, cli, null)
                            .status())
                    .isEqualTo(200);
            List<JsonNode> cleanup = awaitDocs(
                    domain,
                    cli,
                    "io.cozy.bills",
                    1,
                    d -> d.path("deletedAccount").asText().equals(accountId));
            assertThat(cleanup.get(0).path("rev").asText()).isNotEmpty();
            await(() -> send("GET", "/jobs/triggers/" + triggerId, domain, cli, null)
                                            .status()
                                    == 404
                            && send("GET", "/jobs/triggers/" + hookId, domain, cli, null)
                                            .status()
                                    == 404
                    ? Boolean.TRUE
                    : null);
            socket.socket.abort();
        }
    }

    @Test
    public void aWebappServiceRunsOnItsEventTriggerUntilTheAppIsUninstalled() throws Exception {
        String domain = createInstance("services");
        String cli = cliToken(domain, "io.cozy.apps%20io.cozy.triggers%20io.cozy.notes%20io.cozy.todos%20io.cozy.jobs");
        Http.Response installed = apps(
                "POST",
                "/apps/itapp?Source="
                        + KonnectorArchives.webappWithService("itapp").toUri(),
                domain,
                cli);
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);
        // The trigger is made within the install, as in cozy-stack: it is there, armed, when the
        // install answers, so the first note written afterwards runs the service.
        Http.Response note = send("POST", "/data/io.cozy.notes/", domain, cli, "{\"title\":\"hello\"}");
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        String noteId = note.json().path("id").asText();
        JsonNode list = send("GET", "/jobs/triggers?Worker=service", domain, cli, null)
                .json()
                .path("data");
        assertThat(list).as(list.toString()).hasSize(1);
        JsonNode trigger = list.get(0);
        String triggerId = trigger.path("id").asText();
        trigger = trigger.path("attributes");
        assertThat(trigger.path("type").asText()).isEqualTo("@event");
        assertThat(trigger.path("arguments").asText()).isEqualTo("io.cozy.notes:CREATED");
        assertThat(trigger.path("message").path("slug").asText()).isEqualTo("itapp");
        assertThat(trigger.path("message").path("name").asText()).isEqualTo("copy");

        JsonNode fired = awaitOrExplain(
                () -> {
                    JsonNode jobs = send("GET", "/jobs/triggers/" + triggerId + "/jobs", domain, cli, null)
                            .json()
                            .path("data");
                    return jobs.isEmpty() ? null : jobs.get(0);
                },
                () -> send("GET", "/jobs/triggers", domain, cli, null).body());
        assertThat(fired.path("attributes").path("worker").asText()).isEqualTo("service");
        JsonNode todo = awaitDocs(
                        domain,
                        cli,
                        "io.cozy.todos",
                        1,
                        d -> noteId.equals(d.path("from").asText()))
                .get(0);
        assertThat(todo.path("title").asText()).isEqualTo("seen hello");
        JsonNode job = awaitEnd(domain, cli, todo.path("job").asText());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.path("worker").asText()).isEqualTo("service");
        assertThat(job.path("result").path("requests").asInt()).isEqualTo(1);

        // The uninstall deletes the trigger before it answers; installed again, the app has one
        // trigger again, never two.
        assertThat(apps("DELETE", "/apps/itapp", domain, cli).status()).isEqualTo(200);
        assertThat(send("GET", "/jobs/triggers?Worker=service", domain, cli, null)
                        .json()
                        .path("data"))
                .isEmpty();
        Http.Response again = apps(
                "POST",
                "/apps/itapp?Source="
                        + KonnectorArchives.webappWithService("itapp").toUri(),
                domain,
                cli);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        JsonNode after = send("GET", "/jobs/triggers?Worker=service", domain, cli, null)
                .json()
                .path("data");
        assertThat(after).as(after.toString()).hasSize(1);
        assertThat(after.get(0).path("id").asText()).isNotEqualTo(triggerId);
        assertThat(apps("DELETE", "/apps/itapp", domain, cli).status()).isEqualTo(200);
    }

    @Test
    public void aWebappWhoseServiceTriggerIsRefusedIsNotInstalled() throws Exception {
        String domain = createInstance("badservice");
        String cli = cliToken(domain, "io.cozy.apps%20io.cozy.triggers");
        String bad = ",\"nightly\":{\"type\":\"node\",\"file\":\"/services/copy.js\",\"trigger\":\"@cron at night\"}";
        Http.Response refused = apps(
                "POST",
                "/apps/badapp?Source="
                        + KonnectorArchives.webappWithServices("badapp", bad).toUri(),
                domain,
                cli);
        // As in cozy-stack, the install fails when a service trigger cannot be made; here it is
        // undone whole: no app, no trigger of its other service.
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("@cron at night").contains("nightly");
        assertThat(apps("GET", "/apps/badapp", domain, cli).status()).isEqualTo(404);
        assertThat(send("GET", "/jobs/triggers?Worker=service", domain, cli, null)
                        .json()
                        .path("data"))
                .isEmpty();
    }

    @Test
    public void theKonnectorRoutesCheckTheirCallers() throws Exception {
        String domain = createInstance("konnperms");
        String cli = cliToken(domain, "io.cozy.konnectors");
        assertThat(apps(
                                "POST",
                                "/konnectors/" + PERMS_SLUG + "?Source="
                                        + KonnectorArchives.konnector(PERMS_SLUG, "http://127.0.0.1:9")
                                                .toUri(),
                                domain,
                                cli)
                        .status())
                .isEqualTo(202);
        assertThat(apps("GET", "/konnectors/" + PERMS_SLUG, domain, cli).status())
                .as("the apps area still serves /konnectors/:slug")
                .isEqualTo(200);

        String path = "/konnectors/" + PERMS_SLUG + "/trigger";
        assertThat(send("POST", path, domain, null, null).status()).isEqualTo(401);
        Http.Response files = send("POST", path, domain, cliToken(domain, "io.cozy.files"), null);
        assertThat(files.status()).isEqualTo(403);
        assertThat(send("POST", path, domain, cliToken(domain, "io.cozy.triggers:POST:sendmail:worker"), null)
                        .status())
                .isEqualTo(403);
        assertThat(send("POST", path, domain, cliToken(domain, "io.cozy.triggers:POST:konnector:worker"), null)
                        .status())
                .isEqualTo(201);
        Http.Response unknown =
                send("POST", "/konnectors/nope/trigger", domain, cliToken(domain, "io.cozy.triggers"), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("errors").get(0).path("status").asText()).isEqualTo("404");

        String konn = adminToken(domain, "Audience=konn&Subject=" + PERMS_SLUG);
        String logs = "/konnectors/" + PERMS_SLUG + "/logs?job_id=j1&version=1.0.0";
        String line = "[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"info\",\"msg\":\"hello\"}]";
        assertThat(send("POST", logs, domain, konn, line).status()).isEqualTo(204);
        Http.Response badLevel = send("POST", logs, domain, konn, "[{\"level\":\"loud\",\"msg\":\"x\"}]");
        assertThat(badLevel.status()).isEqualTo(422);
        assertThat(badLevel.json().path("errors").get(0).path("status").asText())
                .isEqualTo("422");
        assertThat(send("POST", logs, domain, konn, "{}").status()).isEqualTo(400);
        assertThat(send("POST", logs, domain, null, line).status()).isEqualTo(401);
        assertThat(send("POST", logs, domain, cliToken(domain, "io.cozy.apps.logs"), line)
                        .status())
                .as("not a konnector")
                .isEqualTo(403);
        assertThat(send("POST", "/apps/" + PERMS_SLUG + "/logs", domain, konn, line)
                        .status())
                .as("a konnector is not an app")
                .isEqualTo(403);
    }

    /** Like {@code await}, but a time-out says what {@code explain} gives. */
    private static <T> T awaitOrExplain(
            java.util.function.Supplier<T> probe, java.util.function.Supplier<String> explain)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out; " + explain.get());
    }

    /** The id of the newest job of a trigger other than {@code other}, or null. */
    private String lastJob(String domain, String token, String triggerId, String other) {
        JsonNode jobs = send("GET", "/jobs/triggers/" + triggerId + "/jobs", domain, token, null)
                .json()
                .path("data");
        for (JsonNode job : jobs) {
            if (!job.path("id").asText().equals(other)) {
                return job.path("id").asText();
            }
        }
        return null;
    }
}
