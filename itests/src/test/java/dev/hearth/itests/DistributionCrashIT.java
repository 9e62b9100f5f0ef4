package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
    private static final String CHURN = "io.cozy.crashchurn";
    private static final int WRITERS = 8;

    @TempDir
    Path tmp;

    /** The acknowledged revision of each document. */
    private final Map<String, String> acked = new ConcurrentHashMap<>();

    /** The documents whose purge was acknowledged. */
    private final Set<String> purged = ConcurrentHashMap.newKeySet();

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        try (Distribution hearth = new Distribution(tmp.resolve("data"))) {
            killRounds(hearth, false);
        }
    }

    /**
     * The same with compaction running every second over a churned store (documents written
     * large, deleted and purged), so that kills land while chunks are rewritten and moved: no
     * acknowledged write is lost, and no acknowledged purge comes back.
     */
    @Test
    void everyAcknowledgedWriteAndPurgeSurvivesAKillDuringCompaction() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (var entries = Files.list(Distribution.BUILT)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("load")) {
                    Files.createSymbolicLink(home.resolve(entry.getFileName()), entry);
                }
            }
        }
        Files.createDirectories(home.resolve("load"));
        Files.writeString(home.resolve("load/dev.hearth.datasystem.cfg"), "compactionSeconds = 1\n");
        try (Distribution hearth = new Distribution(home, tmp.resolve("data"))) {
            killRounds(hearth, true);
        }
        assertThat(purged).as("acknowledged purges").isNotEmpty();
    }

    private void killRounds(Distribution hearth, boolean churn) throws Exception {
        Random random = new Random();
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
                            + DOCTYPE + "%20" + CHURN)
                    .basic("a", PASSPHRASE)
                    .send()
                    .body();
            int acknowledgedBefore = acked.size();
            writeUntilKilled(hearth, domain, token, round, (churn ? 2500 : 800) + random.nextInt(1500), churn);
            assertThat(acked.size())
                    .as("round " + round + " acknowledged writes")
                    .isGreaterThan(acknowledgedBefore);

            hearth.start(env, httpPort, adminPort);
            String reader = Http.post(hearth.adminUrl + "/instances/token?Domain=" + domain + "&Audience=cli&Scope="
                            + DOCTYPE + "%20" + CHURN)
                    .basic("a", PASSPHRASE)
                    .send()
                    .body();
            assertEveryAcknowledgedWriteIsThere(hearth, domain, reader);
        }
        hearth.stop();
    }

    /** Runs the writers, kills the server after {@code millis}, and waits for the writers to stop. */
    private void writeUntilKilled(
            Distribution hearth, String domain, String token, int round, long millis, boolean churn) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> write(hearth.publicUrl, domain, token, "r" + round + "w" + writer, running));
        }
        for (int c = 0; churn && c < 2; c++) {
            int churner = c;
            writers.submit(() -> churn(hearth.publicUrl, domain, token, "r" + round + "c" + churner, running));
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

    /**
     * Writes batches of large documents, deletes them and purges them: the garbage that keeps
     * compaction busy. A purge acknowledged means the documents must stay gone.
     */
    private void churn(String base, String domain, String token, String prefix, AtomicBoolean running) {
        String url = base + "/data/" + CHURN + "/";
        String padding = "x".repeat(20_000);
        for (int n = 0; running.get(); n++) {
            try {
                StringBuilder docs = new StringBuilder("{\"docs\":[");
                for (int i = 0; i < 50; i++) {
                    docs.append(i == 0 ? "" : ",")
                            .append("{\"_id\":\"")
                            .append(prefix + "-" + n + "-" + i)
                            .append("\",\"p\":\"")
                            .append(padding)
                            .append("\"}");
                }
                JsonNode written = Http.post(url + "_bulk_docs")
                        .host(domain)
                        .bearer(token)
                        .body(docs.append("]}").toString())
                        .send()
                        .json();
                StringBuilder deletions = new StringBuilder("{\"docs\":[");
                for (JsonNode row : written) {
                    deletions
                            .append(deletions.length() > 10 ? "," : "")
                            .append("{\"_id\":\"" + row.path("id").asText() + "\",\"_rev\":\"")
                            .append(row.path("rev").asText() + "\",\"_deleted\":true}");
                }
                JsonNode deleted = Http.post(url + "_bulk_docs")
                        .host(domain)
                        .bearer(token)
                        .body(deletions.append("]}").toString())
                        .send()
                        .json();
                StringBuilder purge = new StringBuilder("{");
                for (JsonNode row : deleted) {
                    purge.append(purge.length() > 1 ? "," : "")
                            .append("\"" + row.path("id").asText() + "\":[\""
                                    + row.path("rev").asText() + "\"]");
                }
                Http.Response r = Http.post(url + "_purge")
                        .host(domain)
                        .bearer(token)
                        .body(purge.append("}").toString())
                        .send();
                if (r.status() == 201) {
                    r.json().path("purged").properties().forEach(e -> {
                        if (!e.getValue().isEmpty()) {
                            purged.add(e.getKey());
                        }
                    });
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
        List<String> back = new ArrayList<>();
        for (String id : purged) {
            int status = Http.get(hearth.publicUrl + "/data/" + CHURN + "/" + id)
                    .host(domain)
                    .bearer(token)
                    .send()
                    .status();
            if (status != 404) {
                back.add(id + " " + status);
            }
        }
        assertThat(back).as("acknowledged purges undone after SIGKILL").isEmpty();
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
