package dev.hearth.itests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.itests.Distribution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded, bounded fuzzing of both endpoints of the built distribution, run as a real process:
 * the regression corpus first, then the idle-websocket check, then {@code hearth.fuzz.requests}
 * generated HTTP requests over every route and {@code hearth.fuzz.websockets} realtime sessions,
 * each answer judged by the {@link Oracle}. At the end the server must still answer
 * {@code /status} and the canary documents must be as they were. The summary (requests per
 * family, failures grouped with one reproducible example each) goes to the test log; the test
 * fails when any failure was found.
 *
 * <p>A run is reproducible from its seed: {@code -Dhearth.fuzz.seed=N}. Requests are sent one
 * at a time so that the server's state, and so each answer, depends on the seed alone.
 */
class HttpFuzzIT {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFuzzIT.class);
    static final long DEFAULT_SEED = 20_261_206L;
    static final int DEFAULT_REQUESTS = 3_000;
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void everyAnswerKeepsTheContract() throws Exception {
        long seed = Long.getLong("hearth.fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("hearth.fuzz.requests", DEFAULT_REQUESTS);
        int sessions = Integer.getInteger("hearth.fuzz.websockets", Math.max(10, requests / 75));
        FuzzReport report = new FuzzReport(seed);
        long start = System.nanoTime();
        try (Distribution server = new Distribution(tmp.resolve("data"))) {
            server.start(Map.of("HEARTH_ADMIN_PASSPHRASE", FuzzTarget.ADMIN_PASSPHRASE));
            FuzzTarget target = new FuzzTarget(server).prepare();
            Exchanges exchanges = new Exchanges(target, report);
            phase("regression corpus", () -> exchanges.corpus(new RegressionCorpus(target)));
            phase("idle websocket upgrades", () -> new IdleUpgradeCheck(target, report).run(seed));
            RequestGenerator generator = new RequestGenerator(seed, target);
            phase(requests + " generated requests", () -> {
                for (long i = 0; i < requests; i++) {
                    exchanges.fuzz(generator.generate(i), seed + "/" + i);
                }
            });
            WebSocketFuzzer sockets = new WebSocketFuzzer(seed, target, report);
            phase(sessions + " websocket sessions", () -> {
                for (long i = 0; i < sessions; i++) {
                    sockets.session(i);
                }
            });
            exchanges.aliveAndIntact(server);
            report.log(
                    LOG,
                    "HTTP fuzzing of the distribution, "
                            + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            server.stop();
        }
        assertThat(report.failures())
                .as(() -> "Failures (see the summary in the log for examples):\n"
                        + report.failures().stream()
                                .map(f -> f.route() + " | " + f.problem() + " | " + f.mutation())
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    /** A step of the run whose duration is logged. */
    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    private static void phase(String name, Phase phase) throws Exception {
        long start = System.nanoTime();
        phase.run();
        LOG.info("Fuzzing phase '{}' took {} ms", name, (System.nanoTime() - start) / 1_000_000);
    }
}
