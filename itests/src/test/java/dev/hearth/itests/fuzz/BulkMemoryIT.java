package dev.hearth.itests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.itests.Distribution;
import dev.hearth.itests.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory safety under large writes: {@value #BULKS} concurrent {@code _bulk_docs} requests of
 * about 100 MB each, streamed from a generator (half with Content-Length, half chunked), against
 * the server started with a bounded heap. The server must not run out of memory nor die, must
 * keep answering {@code /status} while it works and after, and must answer each bulk with 201,
 * or refuse it with 413 or 503, in JSON.
 */
class BulkMemoryIT {
    private static final Logger LOG = LoggerFactory.getLogger(BulkMemoryIT.class);
    static final int BULKS = 4;
    static final long BODY_BYTES = 100L << 20;
    /** The heap the server gets: less than the bodies together, as on a small host. */
    static final String HEAP = "-Xmx512m";

    static final String DOCTYPE = "io.cozy.fuzz.bulk";
    static final Duration BULK_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    /** One bulk's outcome. */
    private record Outcome(int bulk, boolean chunked, RawResponse response, long sent, long millis) {}

    @Test
    void concurrentHugeBulksNeitherKillNorStallTheServer() throws Exception {
        try (Distribution server = new Distribution(tmp.resolve("data"))) {
            server.start(Map.of("HEARTH_ADMIN_PASSPHRASE", FuzzTarget.ADMIN_PASSPHRASE, "HEARTH_JAVA_OPTS", HEAP));
            String domain = "bulk.localhost:" + server.publicPort();
            assertThat(Http.post(server.adminUrl + "/instances?Domain=" + domain)
                            .basic("admin", FuzzTarget.ADMIN_PASSPHRASE)
                            .send()
                            .status())
                    .isEqualTo(201);
            String token = Http.post(
                            server.adminUrl + "/instances/token?Domain=" + domain + "&Audience=cli&Scope=" + DOCTYPE)
                    .basic("admin", FuzzTarget.ADMIN_PASSPHRASE)
                    .send()
                    .body()
                    .trim();
            RawHttpClient statusClient = new RawHttpClient(server.publicPort(), STATUS_TIMEOUT);
            byte[] status = Wire.bytes("GET /status HTTP/1.1\r\nHost: " + domain + "\r\nConnection: close\r\n\r\n");

            List<String> statusFailures = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong polls = new AtomicLong();
            Thread poller = Thread.ofVirtual().start(() -> poll(statusClient, status, running, polls, statusFailures));
            List<Outcome> outcomes = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Outcome>> futures = new ArrayList<>();
                for (int b = 0; b < BULKS; b++) {
                    int bulk = b;
                    futures.add(pool.submit(() -> bulk(server.publicPort(), domain, token, bulk, bulk % 2 == 1)));
                }
                for (Future<Outcome> f : futures) {
                    outcomes.add(f.get());
                }
            }
            running.set(false);
            poller.join();
            RawResponse after = statusClient.exchange(status, false);
            String log = server.log();
            outcomes.forEach(o -> LOG.info(
                    "Bulk {} ({}): {} after {} ms, {} MB sent",
                    o.bulk(),
                    o.chunked() ? "chunked" : "Content-Length",
                    o.response().excerpt(),
                    o.millis(),
                    o.sent() >> 20));
            LOG.info(
                    "/status polled {} times during the bulks, {} failure(s): {}",
                    polls.get(),
                    statusFailures.size(),
                    statusFailures);

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(server.isAlive()).as("the server process is alive").isTrue();
            soft.assertThat(log.lines()
                            .filter(l -> l.contains("OutOfMemoryError"))
                            .toList())
                    .as("OutOfMemoryError in the server log")
                    .isEmpty();
            soft.assertThat(statusFailures).as("/status while the bulks run").isEmpty();
            soft.assertThat(after.status())
                    .as("/status after the bulks: " + after.excerpt())
                    .isEqualTo(200);
            for (Outcome o : outcomes) {
                String what = "bulk " + o.bulk() + ": " + o.response().excerpt();
                soft.assertThat(o.response().status()).as(what).isIn(201, 413, 503);
                soft.assertThat(
                                o.response().ok()
                                        ? Oracle.jsonProblem(o.response())
                                        : o.response().error())
                        .as(what)
                        .isNull();
            }
            soft.assertAll();
            server.stop();
        }
    }

    private static Outcome bulk(int port, String domain, String token, int bulk, boolean chunked) {
        BulkBody body = new BulkBody("bulk" + bulk, BODY_BYTES, chunked);
        String head = "POST /data/" + DOCTYPE + "/_bulk_docs HTTP/1.1\r\nHost: " + domain + "\r\nAuthorization: Bearer "
                + token + "\r\nAccept: application/json\r\nContent-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length()) + "\r\n"
                + "Connection: close\r\n\r\n";
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        RawResponse r = new RawHttpClient(port, BULK_TIMEOUT)
                .exchange(head.getBytes(StandardCharsets.US_ASCII), body, false, sent);
        return new Outcome(bulk, chunked, r, sent.get(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Asks /status every half second while the bulks run; any answer but a timely 200 is a failure. */
    private static void poll(
            RawHttpClient client, byte[] status, AtomicBoolean running, AtomicLong polls, List<String> failures) {
        long start = System.nanoTime();
        while (running.get()) {
            long at = (System.nanoTime() - start) / 1_000_000;
            RawResponse r = client.exchange(status, false);
            polls.incrementAndGet();
            if (r.status() != 200) {
                failures.add("at " + at + " ms: " + r.excerpt());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
