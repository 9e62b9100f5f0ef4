package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs through a kill: clients queue jobs while the server is killed with SIGKILL; after the
 * restart every job the server acknowledged runs to its end, and a periodic trigger created
 * before the kill still fires. The jobs commands run against the restarted server.
 */
class DistributionJobsIT {
    private static final String PASSPHRASE = "jobs-crash-test";

    @TempDir
    Path tmp;

    private final Map<String, Boolean> acked = new ConcurrentHashMap<>();

    @Test
    void acknowledgedJobsAndTriggersSurviveAKill() throws Exception {
        try (Distribution hearth = new Distribution(tmp.resolve("data"))) {
            Map<String, String> env = Map.of("HEARTH_ADMIN_PASSPHRASE", PASSPHRASE);
            int httpPort = Distribution.freePort();
            int adminPort = Distribution.freePort();
            hearth.start(env, httpPort, adminPort);
            String domain = "jobs.localhost:" + hearth.publicPort();
            assertThat(Http.post(hearth.adminUrl + "/instances?Domain=" + domain)
                            .basic("a", PASSPHRASE)
                            .send()
                            .status())
                    .isEqualTo(201);
            String token = token(hearth, domain);
            Http.Response trigger = Http.post(hearth.publicUrl + "/jobs/triggers")
                    .host(domain)
                    .bearer(token)
                    .body("{\"data\":{\"attributes\":{\"type\":\"@every\",\"arguments\":\"2s\",\"worker\":\"log\"}}}")
                    .send();
            assertThat(trigger.status()).as(trigger.body()).isEqualTo(201);
            String triggerId = trigger.json().path("data").path("id").asText();

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> queue(hearth.publicUrl, domain, token, running));
            }
            Thread.sleep(1500);
            hearth.kill();
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(acked).isNotEmpty();

            hearth.start(env, httpPort, adminPort);
            String reader = token(hearth, domain);
            for (String id : List.copyOf(acked.keySet())) {
                String state = HearthTestSupport.await(() -> {
                    Http.Response r = Http.get(hearth.publicUrl + "/jobs/" + id)
                            .host(domain)
                            .bearer(reader)
                            .send();
                    assertThat(r.status()).as("job " + id + ": " + r.body()).isEqualTo(200);
                    String s = r.json()
                            .path("data")
                            .path("attributes")
                            .path("state")
                            .asText();
                    return s.equals("done") || s.equals("errored") ? s : null;
                });
                assertThat(state).as("job " + id).isEqualTo("done");
            }
            int before = jobsOf(hearth, domain, reader, triggerId);
            HearthTestSupport.await(() -> jobsOf(hearth, domain, reader, triggerId) > before ? Boolean.TRUE : null);

            Distribution.Result run = hearth.cli(
                    "jobs",
                    "run",
                    domain,
                    "log",
                    "{\"from\":\"cli\"}",
                    "--wait",
                    "--admin-url",
                    hearth.adminUrl,
                    "--public-url",
                    hearth.publicUrl,
                    "--admin-passphrase",
                    PASSPHRASE);
            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(run.out()).contains("done");
            Distribution.Result triggers = hearth.cli(
                    "jobs",
                    "triggers",
                    domain,
                    "--admin-url",
                    hearth.adminUrl,
                    "--public-url",
                    hearth.publicUrl,
                    "--admin-passphrase",
                    PASSPHRASE);
            assertThat(triggers.out()).contains(triggerId).contains("@every");
            hearth.stop();
        }
    }

    private static String token(Distribution hearth, String domain) {
        return Http.post(hearth.adminUrl + "/instances/token?Domain=" + domain
                        + "&Audience=cli&Scope=io.cozy.jobs:POST:log:worker%20io.cozy.jobs:GET%20io.cozy.triggers")
                .basic("a", PASSPHRASE)
                .send()
                .body()
                .trim();
    }

    private static int jobsOf(Distribution hearth, String domain, String token, String trigger) {
        Http.Response r = Http.get(hearth.publicUrl + "/jobs/triggers/" + trigger + "/jobs?Limit=1000")
                .host(domain)
                .bearer(token)
                .send();
        return r.json().path("data").size();
    }

    private void queue(String base, String domain, String token, AtomicBoolean running) {
        while (running.get()) {
            try {
                Http.Response r = Http.post(base + "/jobs/queue/log")
                        .host(domain)
                        .bearer(token)
                        .body("{\"data\":{\"attributes\":{\"arguments\":{}}}}")
                        .send();
                if (r.status() == 202) {
                    acked.put(r.json().path("data").path("id").asText(), Boolean.TRUE);
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }
}
