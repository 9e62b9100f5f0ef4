package dev.hearth.itests.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Fuzzes {@code /realtime/}: broken upgrades, sequences of commands, frames that break RFC 6455,
 * and the delivery of a NOTIFIED event. Besides what {@link FrameOracle} demands of every frame,
 * a session checks the protocol's own promises: a refused first frame gets an error frame and a
 * close (cozy-api.md 2.8), a frame breaking RFC 6455 closes the connection, a message over 1024
 * bytes closes it with 1009, a close is answered, and a subscriber gets the event it subscribed to.
 */
final class WebSocketFuzzer {
    static final String ROUTE = "WS /realtime/";
    private static final Duration SETTLE = Duration.ofMillis(40);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final long seed;
    private final FuzzTarget target;
    private final WsScripts scripts;
    private final FuzzReport report;
    private final RawHttpClient http;
    private final Route upgradeRoute = RouteCatalog.all().stream()
            .filter(r -> r.pattern().equals("/realtime/"))
            .findFirst()
            .orElseThrow();

    WebSocketFuzzer(long seed, FuzzTarget target, FuzzReport report) {
        this.seed = seed;
        this.target = target;
        this.scripts = new WsScripts(target);
        this.report = report;
        this.http = new RawHttpClient(target.publicPort, Duration.ofSeconds(10));
    }

    /** Runs session {@code index} of the seed. */
    void session(long index) {
        Random random = new Random(seed * 0xC2B2AE3D27D4EB4FL + index);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        int n = random.nextInt(100);
        String kind = n < 20
                ? "handshake:" + WsScripts.HANDSHAKES[random.nextInt(WsScripts.HANDSHAKES.length)]
                : n < 55
                        ? "commands"
                        : n < 90
                                ? "protocol:" + WsScripts.VIOLATIONS[random.nextInt(WsScripts.VIOLATIONS.length)]
                                : "notify";
        String upgrade = kind.startsWith("handshake:")
                ? scripts.handshake(kind.substring(10), key)
                : WebSocketClient.upgrade(target.domain, key);
        Session s = new Session(index, kind, upgrade);
        report.sent("realtime-ws");
        try (WebSocketClient ws = WebSocketClient.connect(target.publicPort, Wire.bytes(upgrade), random)) {
            s.transcript.add("<- " + ws.handshake.excerpt());
            if (!handshakeAccepted(s, ws, key)) {
                return;
            }
            switch (kind) {
                case "commands" -> commands(s, ws, random);
                case "notify" -> notify(s, ws, random, index);
                default -> {
                    if (kind.startsWith("protocol:")) {
                        protocol(s, ws, kind.substring(9), random);
                    }
                }
            }
            closeHandshake(s, ws);
        } catch (IOException e) {
            s.transcript.add("!! " + e);
        }
    }

    /** Judges the answer to the upgrade; true when the session can go on with frames. */
    private boolean handshakeAccepted(Session s, WebSocketClient ws, String key) {
        RawResponse r = ws.handshake;
        if (r.status() != 101) {
            FuzzRequest asRequest = new FuzzRequest(
                    upgradeRoute,
                    Route.Kind.JSON,
                    Route.Endpoint.PUBLIC,
                    ROUTE,
                    s.kind,
                    "GET",
                    "/realtime/",
                    "HTTP/1.1",
                    List.of(),
                    new byte[0],
                    Framing.NONE);
            String problem = new Oracle().problem(asRequest, r);
            if (problem == null && !s.kind.startsWith("handshake:")) {
                problem = "valid upgrade refused with " + r.status();
            }
            s.fail(problem);
            return false;
        }
        if (!WebSocketClient.accept(key).equals(r.header("Sec-WebSocket-Accept"))
                && !s.kind.equals("handshake:bad-key")
                && !s.kind.equals("handshake:duplicate-key")) {
            s.fail("101 with a wrong Sec-WebSocket-Accept");
        } else if (!"io.cozy.websocket".equals(r.header("Sec-WebSocket-Protocol"))) {
            s.fail("101 without the io.cozy.websocket subprotocol");
        }
        return true;
    }

    private void commands(Session s, WebSocketClient ws, Random random) throws IOException {
        boolean authFirst = random.nextInt(10) < 7;
        String first = authFirst ? scripts.auth(random) : scripts.badAuth(random);
        if (authFirst && random.nextInt(4) == 0) {
            byte[] bytes = first.getBytes(StandardCharsets.UTF_8);
            int cut = bytes.length / 2;
            ws.send(false, 0, 1, true, Arrays.copyOfRange(bytes, 0, cut));
            ws.send(true, 0, 9, true, "mid".getBytes(StandardCharsets.UTF_8));
            ws.send(true, 0, 0, true, Arrays.copyOfRange(bytes, cut, bytes.length));
            s.transcript.add("-> " + first + " (in two fragments, a ping between)");
        } else {
            send(s, ws, first);
        }
        if (!authFirst) {
            List<WebSocketClient.Frame> frames = until(s, ws, CLOSE_WAIT, true);
            if (frames.stream().noneMatch(f -> f.opcode() == 1 && f.text().contains("\"error\""))) {
                s.fail("refused first frame without an error frame");
            } else if (frames.stream().noneMatch(f -> f.isEnd() || f.opcode() == 8)) {
                s.fail("refused first frame without a close");
            }
            return;
        }
        drain(s, ws, SETTLE);
        for (int i = random.nextInt(5); i > 0 && !s.ended; i--) {
            if (random.nextInt(6) == 0) {
                ws.send(true, 0, random.nextBoolean() ? 9 : 10, true, "p".getBytes(StandardCharsets.UTF_8));
                s.transcript.add("-> ping/pong");
            } else if (random.nextInt(6) == 0) {
                ws.send(true, 0, 2, true, scripts.command(random).getBytes(StandardCharsets.UTF_8));
                s.transcript.add("-> (binary) command");
            } else {
                send(s, ws, scripts.command(random));
            }
            drain(s, ws, SETTLE);
        }
    }

    private void protocol(Session s, WebSocketClient ws, String violation, Random random) throws IOException {
        if (random.nextBoolean()) {
            send(s, ws, scripts.auth(random));
            drain(s, ws, SETTLE);
        }
        if (s.ended) {
            return;
        }
        WsScripts.violate(ws, violation, random);
        s.transcript.add("-> (" + violation + ")");
        List<WebSocketClient.Frame> frames = until(s, ws, CLOSE_WAIT, true);
        WebSocketClient.Frame close =
                frames.stream().filter(f -> f.opcode() == 8).findFirst().orElse(null);
        if (frames.stream().noneMatch(f -> f.isEnd() || f.opcode() == 8)) {
            s.fail("connection kept open after the violation");
        } else if (violation.startsWith("oversized") && close != null && close.closeCode() != 1009) {
            s.fail("oversized message closed with " + close.closeCode() + ", not 1009");
        }
    }

    private void notify(Session s, WebSocketClient ws, Random random, long index) throws IOException {
        send(s, ws, "{\"method\":\"AUTH\",\"payload\":\"" + target.cliToken + "\"}");
        send(s, ws, "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.fuzz.a\"}}");
        drain(s, ws, Duration.ofMillis(100));
        String id = "notify-" + index;
        byte[] body = ("{\"n\":" + random.nextInt(1000) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] post = Wire.bytes("POST /realtime/io.cozy.fuzz.a/" + id + " HTTP/1.1\r\nHost: " + target.domain
                + "\r\nAuthorization: Bearer " + target.cliToken
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + Wire.latin1(body));
        report.sent("realtime");
        RawResponse r = http.exchange(post, false);
        s.transcript.add("-> HTTP POST /realtime/io.cozy.fuzz.a/" + id + " <- " + r.excerpt());
        if (r.status() != 204) {
            s.fail("POST /realtime/:doctype/:id answered " + (r.ok() ? r.status() : r.error()) + ", not 204");
            return;
        }
        List<WebSocketClient.Frame> frames = until(s, ws, CLOSE_WAIT, false);
        if (frames.stream()
                .noneMatch(f -> f.opcode() == 1
                        && f.text().contains("NOTIFIED")
                        && f.text().contains(id))) {
            s.fail("no NOTIFIED event for the subscribed doctype");
        }
    }

    /** Sends a close 1000 and expects the server's close (or the end of the connection). */
    private void closeHandshake(Session s, WebSocketClient ws) throws IOException {
        if (s.ended) {
            return;
        }
        ws.send(true, 0, 8, true, new byte[] {3, (byte) 0xE8});
        s.transcript.add("-> close 1000");
        List<WebSocketClient.Frame> frames = until(s, ws, CLOSE_WAIT, true);
        if (frames.stream().noneMatch(f -> f.isEnd() || f.opcode() == 8)) {
            s.fail("close not answered");
        }
    }

    private void send(Session s, WebSocketClient ws, String text) throws IOException {
        ws.text(text);
        s.transcript.add("-> " + Wire.oneLine(text.getBytes(StandardCharsets.UTF_8), 160));
    }

    private void drain(Session s, WebSocketClient ws, Duration wait) {
        WebSocketClient.Frame f;
        while (!s.ended && (f = ws.read(wait)) != null) {
            s.received(f);
        }
    }

    /** Reads until a frame matches (a close or the end when {@code close}, else any text) or {@code wait} passes. */
    private List<WebSocketClient.Frame> until(Session s, WebSocketClient ws, Duration wait, boolean close) {
        List<WebSocketClient.Frame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!s.ended && System.nanoTime() < deadline) {
            WebSocketClient.Frame f = ws.read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (f == null) {
                break;
            }
            s.received(f);
            frames.add(f);
            if (close
                    ? f.isEnd() || f.opcode() == 8
                    : f.opcode() == 1 && f.text().contains("NOTIFIED")) {
                break;
            }
        }
        return frames;
    }

    /** One websocket session: what it did, and the failures it reports with that transcript. */
    private final class Session {
        final long index;
        final String kind;
        final List<String> transcript = new ArrayList<>();
        boolean ended;

        Session(long index, String kind, String upgrade) {
            this.index = index;
            this.kind = kind;
            transcript.add("-> " + Wire.escape(Wire.bytes(upgrade), 600));
        }

        void received(WebSocketClient.Frame f) {
            if (f.isEnd()) {
                ended = true;
                transcript.add("<- (connection ended)");
                return;
            }
            transcript.add("<- opcode " + f.opcode() + (f.opcode() == 8 ? " code " + f.closeCode() : "") + " "
                    + Wire.oneLine(f.payload(), 200));
            String problem = FrameOracle.problem(f);
            if (problem != null) {
                fail(problem);
            }
            if (f.opcode() == 8) {
                ended = true;
            }
        }

        void fail(String problem) {
            if (problem != null) {
                report.fail(
                        ROUTE,
                        problem,
                        kind,
                        "websocket session " + index + " of seed " + seed + "\n    "
                                + String.join("\n    ", transcript));
            }
        }
    }
}
