package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * Crash safety of files: uploads and overwrites stream concurrently, the server is killed with
 * SIGKILL at a random moment, restarted on the same data, and every acknowledged file reads back
 * with its MD5, as does every old version the overwrites kept, while fsck finds nothing (no
 * document or version without its blob, no blob without its document or version).
 */
class FilesCrashIT {
    private static final String PASSPHRASE = "crash-test";
    private static final int WRITERS = 6;
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    /** The acknowledged MD5 of each file id. */
    private final Map<String, String> acked = new ConcurrentHashMap<>();

    /** The first answer or error that was not an acknowledgement, to explain a round without any. */
    private final java.util.concurrent.atomic.AtomicReference<String> firstRefusal =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Test
    void everyAcknowledgedFileSurvivesAKillAndNothingIsOrphaned() throws Exception {
        Random random = new Random();
        try (Distribution hearth = new Distribution(tmp.resolve("data"))) {
            Map<String, String> env = Map.of("HEARTH_ADMIN_PASSPHRASE", PASSPHRASE);
            int httpPort = Distribution.freePort();
            int adminPort = Distribution.freePort();
            hearth.start(env, httpPort, adminPort);
            String domain = "filecrash.localhost:" + hearth.publicPort();
            assertThat(Http.post(hearth.adminUrl + "/instances?Domain=" + domain)
                            .basic("a", PASSPHRASE)
                            .send()
                            .status())
                    .isEqualTo(201);
            int versions = 0;
            for (int round = 1; round <= 3; round++) {
                String token = token(hearth, domain);
                int before = acked.size();
                uploadUntilKilled(hearth, domain, token, round, 800 + random.nextInt(1500));
                assertThat(acked.size())
                        .as("round " + round + " acknowledged uploads")
                        .isGreaterThan(before);
                hearth.start(env, httpPort, adminPort);
                versions = assertEveryAcknowledgedFileIsThere(hearth, domain, token(hearth, domain));
            }
            assertThat(versions).as("old versions kept by the overwrites").isPositive();
            hearth.stop();
        }
    }

    private static String token(Distribution hearth, String domain) {
        return Http.post(hearth.adminUrl + "/instances/token?Domain=" + domain + "&Audience=cli&Scope=io.cozy.files")
                .basic("a", PASSPHRASE)
                .send()
                .body()
                .trim();
    }

    private void uploadUntilKilled(Distribution hearth, String domain, String token, int round, long millis)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < WRITERS; w++) {
            String prefix = "r" + round + "w" + w;
            writers.submit(() -> upload(hearth.publicUrl, domain, token, prefix, running));
        }
        // the kill comes at a random moment once uploads flow (the first one opens the volume)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int before = acked.size();
        while (acked.size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(millis);
        hearth.kill();
        running.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private void upload(String base, String domain, String token, String prefix, AtomicBoolean running) {
        Random random = new Random();
        String last = null;
        for (int n = 0; running.get(); n++) {
            byte[] content = new byte[1024 + random.nextInt(n % 4 == 0 ? 2_000_000 : 64_000)];
            random.nextBytes(content);
            String md5 = md5(content);
            boolean overwrite = last != null && n % 3 == 2;
            String url = overwrite ? base + "/files/" + last : base + "/files/?Type=file&Name=" + prefix + "-" + n;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Host", domain)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-MD5", md5)
                        .method(overwrite ? "PUT" : "POST", HttpRequest.BodyPublishers.ofByteArray(content))
                        .build();
                HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201 || r.statusCode() == 200) {
                    JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(r.body())
                            .path("data");
                    last = data.path("id").asText();
                    acked.put(last, data.path("attributes").path("md5sum").asText());
                    assertThat(acked.get(last)).isEqualTo(md5);
                } else {
                    firstRefusal.compareAndSet(null, r.statusCode() + " " + r.body());
                }
            } catch (Exception e) {
                firstRefusal.compareAndSet(null, e.toString());
                return;
            }
        }
    }

    /** Checks the files and their old versions; answers how many old versions there are. */
    private int assertEveryAcknowledgedFileIsThere(Distribution hearth, String domain, String token) throws Exception {
        List<String> lost = new ArrayList<>();
        int versions = 0;
        for (Map.Entry<String, String> e : acked.entrySet()) {
            for (JsonNode version : Http.get(hearth.publicUrl + "/files/" + e.getKey())
                    .host(domain)
                    .bearer(token)
                    .send()
                    .json()
                    .path("included")) {
                versions++;
                String read = md5OfDownload(
                        hearth,
                        domain,
                        token,
                        "/files/download/" + version.path("id").asText());
                if (!read.equals(version.path("attributes").path("md5sum").asText())) {
                    lost.add("version " + version.path("id").asText() + " read " + read);
                }
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(hearth.publicUrl + "/files/download/" + e.getKey()))
                    .header("Host", domain)
                    .header("Authorization", "Bearer " + token)
                    .build();
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String actual = r.statusCode() == 200 ? md5(r.body()) : "status " + r.statusCode();
            // an overwrite in flight at the kill may have been applied without its answer: the
            // file then holds a newer content, which the document's md5sum must describe
            if (!actual.equals(e.getValue()) && !actual.equals(stat(hearth, domain, token, e.getKey()))) {
                lost.add(e.getKey() + " acked " + e.getValue() + " read " + actual);
            }
        }
        assertThat(lost)
                .as("acknowledged files lost or corrupted after SIGKILL")
                .isEmpty();
        JsonNode fsck = Http.get(hearth.publicUrl + "/files/fsck?md5=true")
                .host(domain)
                .bearer(token)
                .send()
                .json();
        assertThat(fsck.path("problems")).as(fsck.toString()).isEmpty();
        return versions;
    }

    private static String md5OfDownload(Distribution hearth, String domain, String token, String path)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hearth.publicUrl + path))
                .header("Host", domain)
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? md5(r.body()) : "status " + r.statusCode();
    }

    private static String stat(Distribution hearth, String domain, String token, String id) {
        return Http.get(hearth.publicUrl + "/files/" + id)
                .host(domain)
                .bearer(token)
                .send()
                .json()
                .path("data")
                .path("attributes")
                .path("md5sum")
                .asText();
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
