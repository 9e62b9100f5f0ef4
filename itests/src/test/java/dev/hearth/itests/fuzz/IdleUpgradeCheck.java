package dev.hearth.itests.fuzz;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A client that opens many websocket upgrades and never authenticates must not hold the
 * server's sockets: an upgrade without AUTH within {@link #AUTH_DEADLINE} is closed, and no
 * more than {@link #MAX_UNAUTHENTICATED_PER_ADDRESS} unauthenticated sockets are kept per client
 * address (the others refused with a 4xx, or closed at once).
 */
final class IdleUpgradeCheck {
    static final Duration AUTH_DEADLINE = Duration.ofSeconds(10);
    static final int MAX_UNAUTHENTICATED_PER_ADDRESS = 50;
    static final int UPGRADES = 300;
    /** Time left to the server past the deadline, for its timer's period and the close to travel. */
    static final Duration GRACE = Duration.ofSeconds(3);
    /** An upgrade closed within this much time counts as refused, not kept. */
    static final Duration REFUSED_WITHIN = Duration.ofSeconds(1);

    static final String ROUTE = "WS /realtime/ (idle unauthenticated upgrades)";

    /** What became of one upgrade: its answer, and after how long the server closed it (-1: never). */
    private record Outcome(RawResponse handshake, long closedAfterNanos) {}

    private final FuzzTarget target;
    private final FuzzReport report;

    IdleUpgradeCheck(FuzzTarget target, FuzzReport report) {
        this.target = target;
        this.report = report;
    }

    void run(long seed) throws InterruptedException {
        Random random = new Random(seed);
        long deadline = AUTH_DEADLINE.plus(GRACE).toNanos();
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < UPGRADES; i++) {
                byte[] key = new byte[16];
                random.nextBytes(key);
                String upgrade = WebSocketClient.upgrade(
                        target.domain, Base64.getEncoder().encodeToString(key));
                futures.add(pool.submit(() -> idle(upgrade, deadline)));
            }
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(RawResponse.failed(String.valueOf(e.getCause())), 0));
                }
            }
        }
        for (int i = 0; i < UPGRADES; i++) {
            report.sent("realtime-ws");
        }
        judge(outcomes);
    }

    /** Upgrades, sends nothing, and waits for the server to close, up to the deadline. */
    private Outcome idle(String upgrade, long deadline) {
        long start = System.nanoTime();
        try (WebSocketClient ws = WebSocketClient.connect(target.publicPort, Wire.bytes(upgrade), new Random(0))) {
            if (ws.handshake.status() != 101) {
                return new Outcome(ws.handshake, 0);
            }
            while (System.nanoTime() - start < deadline) {
                long left = deadline - (System.nanoTime() - start);
                WebSocketClient.Frame f = ws.read(Duration.ofNanos(Math.max(1_000_000, left)));
                if (f != null && (f.isEnd() || f.opcode() == 8)) {
                    return new Outcome(ws.handshake, System.nanoTime() - start);
                }
            }
            return new Outcome(ws.handshake, -1);
        } catch (IOException e) {
            return new Outcome(RawResponse.failed("cannot connect: " + e.getMessage()), 0);
        }
    }

    private void judge(List<Outcome> outcomes) {
        Oracle oracle = new Oracle();
        Route route = RouteCatalog.all().stream()
                .filter(r -> r.pattern().equals("/realtime/"))
                .findFirst()
                .orElseThrow();
        FuzzRequest asRequest = new FuzzRequest(
                route,
                Route.Kind.JSON,
                Route.Endpoint.PUBLIC,
                ROUTE,
                "none",
                "GET",
                "/realtime/",
                "HTTP/1.1",
                List.of(),
                new byte[0],
                Framing.NONE);
        int kept = 0;
        int open = 0;
        for (Outcome o : outcomes) {
            RawResponse r = o.handshake();
            if (r.status() != 101) {
                String problem = oracle.problem(asRequest, r);
                if (problem != null) {
                    report.fail(
                            ROUTE,
                            "refused upgrade: " + problem,
                            "none",
                            "one of " + UPGRADES + " concurrent upgrades\n    response: " + r.excerpt());
                }
                continue;
            }
            if (o.closedAfterNanos() < 0 || o.closedAfterNanos() > REFUSED_WITHIN.toNanos()) {
                kept++;
            }
            if (o.closedAfterNanos() < 0) {
                open++;
            }
        }
        String scenario =
                UPGRADES + " concurrent upgrades of " + target.domain + " from one address, none sending AUTH";
        if (kept > MAX_UNAUTHENTICATED_PER_ADDRESS) {
            report.fail(
                    ROUTE,
                    "more unauthenticated sockets kept than the cap of " + MAX_UNAUTHENTICATED_PER_ADDRESS,
                    "none",
                    scenario + ": " + kept + " accepted and kept");
        }
        if (open > 0) {
            report.fail(
                    ROUTE,
                    "unauthenticated sockets still open "
                            + AUTH_DEADLINE.plus(GRACE).toSeconds() + " s after the upgrade (AUTH deadline "
                            + AUTH_DEADLINE.toSeconds() + " s)",
                    "none",
                    scenario + ": " + open + " still open");
        }
    }
}
