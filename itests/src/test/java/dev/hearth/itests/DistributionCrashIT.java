package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: clients write concurrently, the server is killed with SIGKILL at a random moment,
 * restarted on the same data, and every write it had acknowledged is there.
 */
class DistributionCrashIT {
    private static final String PASSPHRASE = "crash-test";
    private static final String DOCTYPE = "io.cozy.crashtest";
    private static final int WRITERS = 8;

    @TempDir
    Path tmp;

    /** The acknowledged revision of each document. */
    private final Map<String, String> acked = new ConcurrentHashMap<>();

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        Random random = new Random();
        try (Distribution hearth = new Distribution(tmp.resolve("data"))) {
            Map<String, String> env = Map.of("HEARTH_ADMIN_PASSPHRASE", PASSPHRASE);
            int httpPort = Distribution.freePort();
            int adminPort = Distribution.freePort();
            hearth.start(env, httpPort, adminPort);
            String domain = "crash.localhost:" + hearth.publicPort();
            assertThat(Http.post(hearth.adminUrl + "/instances?Domain=" + domain)
                            .basic("a", PASSPHRASE)
                            .send()
                            .status())
                    .isEqualTo(201);
            for (int round = 1; round <= 3; round++) {
                String token = Http.post(hearth.adminUrl + "/instances/token?Domain=" + domain + "&Audience=cli&Scope="
                                + DOCTYPE)
                        .basic("a", PASSPHRASE)
                        .send()
                        .body();
                int acknowledgedBefore = acked.size();
                writeUntilKilled(hearth, domain, token, round, 800 + random.nextInt(1500));
                assertThat(acked.size())
                        .as("round " + round + " acknowledged writes")
                        .isGreaterThan(acknowledgedBefore);

                hearth.start(env, httpPort, adminPort);
                String reader = Http.post(hearth.adminUrl + "/instances/token?Domain=" + domain + "&Audience=cli&Scope="
                                + DOCTYPE)
                        .basic("a", PASSPHRASE)
                        .send()
                        .body();
                assertEveryAcknowledgedWriteIsThere(hearth, domain, reader);
            }
            hearth.stop();
        }
    }

    /** Runs the writers, kills the server after {@code millis}, and waits for the writers to stop. */
    private void writeUntilKilled(Distribution hearth, String domain, String token, int round, long millis)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> write(hearth.publicUrl, domain, token, "r" + round + "w" + writer, running));
        }
        Thread.sleep(millis);
        hearth.kill();
        running.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private void write(String base, String domain, String token, String prefix, AtomicBoolean running) {
        String url = base + "/data/" + DOCTYPE + "/";
        for (int n = 0; running.get(); n++) {
            try {
                if (n % 5 == 4) {
                    bulk(url, domain, token, prefix + "-b" + n);
                    continue;
                }
                String id = prefix + "-" + (n % 3 == 2 ? n - 1 : n);
                String rev = acked.get(id);
                String body = rev == null
                        ? "{\"n\":" + n + "}"
                        : "{\"_id\":\"" + id + "\",\"_rev\":\"" + rev + "\",\"n\":" + n + "}";
                Http.Response r = Http.method("PUT", url + id)
                        .host(domain)
                        .bearer(token)
                        .body(body)
                        .send();
                if (r.status() == 200) {
                    acked.put(id, r.json().path("rev").asText());
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    private void bulk(String url, String domain, String token, String prefix) {
        StringBuilder docs = new StringBuilder("{\"docs\":[");
        for (int i = 0; i < 20; i++) {
            docs.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"i\":")
                    .append(i)
                    .append('}');
        }
        Http.Response r = Http.post(url + "_bulk_docs")
                .host(domain)
                .bearer(token)
                .body(docs.append("]}").toString())
                .send();
        if (r.status() == 201) {
            for (JsonNode row : r.json()) {
                if (row.path("ok").asBoolean()) {
                    acked.put(row.path("id").asText(), row.path("rev").asText());
                }
            }
        }
    }

    private void assertEveryAcknowledgedWriteIsThere(Distribution hearth, String domain, String token) {
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> e : acked.entrySet()) {
            Http.Response r = Http.get(hearth.publicUrl + "/data/" + DOCTYPE + "/" + e.getKey())
                    .host(domain)
                    .bearer(token)
                    .send();
            if (r.status() != 200 || pos(r.json().path("_rev").asText()) < pos(e.getValue())) {
                lost.add(e.getKey() + " acked " + e.getValue() + " found " + r.status() + " " + r.body());
            }
        }
        assertThat(lost).as("acknowledged writes lost after SIGKILL").isEmpty();
        JsonNode info = Http.get(hearth.publicUrl + "/data/" + DOCTYPE + "/")
                .host(domain)
                .bearer(token)
                .send()
                .json();
        assertThat(info.path("doc_count").asLong()).isGreaterThanOrEqualTo(acked.size());
        JsonNode changes = Http.get(hearth.publicUrl + "/data/" + DOCTYPE + "/_changes")
                .host(domain)
                .bearer(token)
                .send()
                .json();
        assertThat(changes.path("results").size())
                .isEqualTo(info.path("doc_count").asInt());
    }

    private static int pos(String rev) {
        return Integer.parseInt(rev.substring(0, rev.indexOf('-')));
    }
}
