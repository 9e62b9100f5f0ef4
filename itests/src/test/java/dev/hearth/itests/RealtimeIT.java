package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The realtime websocket ({@code io.cozy.websocket}) and {@code POST /realtime/:doctype/:id},
 * over real HTTP with the JDK's websocket client; events also published straight into the hub.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RealtimeIT extends HearthTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Hub hub;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void subscribersGetTheEventsOfTheirTargetsAndInstanceOnly() throws Exception {
        String alice = createInstance("alice");
        String bob = createInstance("bob");
        Client a = authenticated(alice, cliToken(alice, "io.cozy.todos%20io.cozy.notes:GET"));
        a.subscribe("io.cozy.todos", null);
        a.subscribe("io.cozy.notes", "n1");
        Client b = authenticated(bob, cliToken(bob, "io.cozy.todos"));
        b.subscribe("io.cozy.todos", null);
        assertThat(a.sync()).isEmpty();
        assertThat(b.sync()).isEmpty();

        Http.Response notified = Http.post(publicUrl() + "/realtime/io.cozy.todos/t1")
                .host(alice)
                .bearer(cliToken(alice, "io.cozy.todos"))
                .header("Content-Type", "application/json")
                .body("{\"title\":\"hello\"}")
                .send();
        assertThat(notified.status()).as(notified.body()).isEqualTo(204);
        JsonNode event = a.next();
        assertThat(event.path("event").asText()).isEqualTo("NOTIFIED");
        assertThat(event.path("payload").path("type").asText()).isEqualTo("io.cozy.todos");
        assertThat(event.path("payload").path("id").asText()).isEqualTo("t1");
        assertThat(event.path("payload").path("doc").path("title").asText()).isEqualTo("hello");
        assertThat(event.path("payload").path("doc").path("_id").asText()).isEqualTo("t1");

        publish(alice, "CREATED", "io.cozy.contacts", "c1");
        publish(alice, "UPDATED", "io.cozy.notes", "n2");
        publish(bob, "CREATED", "io.cozy.todos", "t9");
        publish(alice, "UPDATED", "io.cozy.notes", "n1");
        publish(alice, "DELETED", "io.cozy.todos", "t1");
        assertThat(describe(a.next())).isEqualTo("UPDATED io.cozy.notes n1");
        assertThat(describe(a.next())).isEqualTo("DELETED io.cozy.todos t1");
        assertThat(a.sync()).isEmpty();
        assertThat(describe(b.next())).isEqualTo("CREATED io.cozy.todos t9");
        assertThat(b.sync()).isEmpty();
    }

    @Test
    public void unsubscribeStopsTheEvents() throws Exception {
        String alice = createInstance("alice");
        Client a = authenticated(alice, cliToken(alice, "io.cozy.todos%20io.cozy.notes"));
        a.subscribe("io.cozy.todos", null);
        a.subscribe("io.cozy.notes", null);
        a.send("{\"method\":\"UNSUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\"}}");
        assertThat(a.sync()).isEmpty();
        publish(alice, "CREATED", "io.cozy.todos", "t2");
        publish(alice, "CREATED", "io.cozy.notes", "n3");
        assertThat(describe(a.next())).isEqualTo("CREATED io.cozy.notes n3");
    }

    @Test
    public void refusedCommandsGetErrorFramesAndTheSocketStaysOpen() throws Exception {
        String alice = createInstance("alice");
        Client a = authenticated(alice, cliToken(alice, "io.cozy.todos:GET"));
        a.subscribe("io.cozy.contacts", null);
        JsonNode forbidden = a.next().path("payload");
        assertThat(forbidden.path("status").asText()).isEqualTo("403 Forbidden");
        assertThat(forbidden.path("code").asText()).isEqualTo("forbidden");
        assertThat(forbidden.path("title").asText()).contains("io.cozy.contacts");
        assertThat(forbidden.path("source").path("payload").path("type").asText())
                .isEqualTo("io.cozy.contacts");
        a.send("{\"method\":\"SUBSCRIBE\",\"payload\":{}}");
        assertThat(a.next().path("payload").path("status").asText()).isEqualTo("400 Bad Request");
        a.send("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"Not A Doctype\"}}");
        assertThat(a.next().path("payload").path("status").asText()).isEqualTo("400 Bad Request");
        a.send("not json");
        assertThat(a.next().path("payload").path("source").asText()).isEqualTo("not json");
        a.socket
                .sendBinary(ByteBuffer.wrap("{\"method\":\"FETCH\"}".getBytes(StandardCharsets.UTF_8)), true)
                .get();
        assertThat(a.next().path("payload").path("status").asText()).isEqualTo("405 Method Not Allowed");
        a.subscribe("io.cozy.todos", null);
        assertThat(a.sync()).isEmpty();
        publish(alice, "CREATED", "io.cozy.todos", "t3");
        assertThat(describe(a.next())).isEqualTo("CREATED io.cozy.todos t3");
    }

    @Test
    public void aFrameBeforeAuthIsUnauthorizedAndClosesTheSocket() throws Exception {
        Client a = Client.open(wsUrl(), createInstance("alice"), true);
        a.send("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\"}}");
        JsonNode error = a.next().path("payload");
        assertThat(error.path("status").asText()).isEqualTo("401 Unauthorized");
        assertThat(error.path("code").asText()).isEqualTo("unauthorized");
        assertThat(a.end()).startsWith("close 1008");
    }

    @Test
    public void aBadTokenIsRefusedAndClosesTheSocket() throws Exception {
        String alice = createInstance("alice");
        String mallory = createInstance("mallory");
        for (String bad : new String[] {"garbage", cliToken(mallory, "io.cozy.todos")}) {
            Client a = Client.open(wsUrl(), alice, true);
            a.send("{\"method\":\"AUTH\",\"payload\":\"" + bad + "\"}");
            JsonNode error = a.next().path("payload");
            assertThat(error.path("status").asText()).isEqualTo("401 Unauthorized");
            assertThat(error.path("title").asText()).contains("Invalid JWT token");
            assertThat(a.end()).startsWith("close 1008");
        }
    }

    @Test
    public void aPasswordProtectedShareCodeNeedsItsPasswordCookieHereToo() throws Exception {
        String alice = createInstance("sharews");
        String owner = cliToken(alice, "io.cozy.notes");
        Http.Response created = Http.post(publicUrl() + "/permissions?codes=bob")
                .host(alice)
                .bearer(owner)
                .json()
                .body("{\"data\":{\"attributes\":{\"password\":\"open sesame\",\"permissions\":"
                        + "{\"n\":{\"type\":\"io.cozy.notes\",\"verbs\":[\"GET\"]}}}}}")
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().path("data").path("id").asText();
        String code = created.json()
                .path("data")
                .path("attributes")
                .path("codes")
                .path("bob")
                .asText();

        Client locked = Client.open(wsUrl(), alice, true);
        locked.send("{\"method\":\"AUTH\",\"payload\":\"" + code + "\"}");
        assertThat(locked.next().path("payload").path("title").asText()).contains("protected by a password");
        assertThat(locked.end()).startsWith("close 1008");

        WebClient visitor = new WebClient(publicUrl(), alice);
        assertThat(visitor.post("/auth/share-by-link/password", Map.of("perm_id", id, "password", "open sesame"))
                        .status())
                .isEqualTo(200);
        Client open = Client.open(wsUrl(), alice, true, "pass" + id + "=" + visitor.cookie("pass" + id));
        open.send("{\"method\":\"AUTH\",\"payload\":\"" + code + "\"}");
        open.subscribe("io.cozy.notes", null);
        assertThat(open.sync()).as("authenticated and subscribed, no error").isEmpty();
    }

    @Test
    public void authMayBeRenewedAndNarrowsTheSubscriptions() throws Exception {
        String alice = createInstance("alice");
        Client a = authenticated(alice, cliToken(alice, "io.cozy.todos%20io.cozy.notes"));
        a.subscribe("io.cozy.todos", null);
        a.subscribe("io.cozy.notes", null);
        a.send("{\"method\":\"AUTH\",\"payload\":\"" + cliToken(alice, "io.cozy.notes:GET") + "\"}");
        assertThat(a.sync()).isEmpty();
        publish(alice, "CREATED", "io.cozy.todos", "t4");
        publish(alice, "CREATED", "io.cozy.notes", "n4");
        assertThat(describe(a.next())).isEqualTo("CREATED io.cozy.notes n4");
        a.send("{\"method\":\"AUTH\",\"payload\":\"expired.or.bad\"}");
        assertThat(a.next().path("payload").path("code").asText()).isEqualTo("unauthorized");
        assertThat(a.end()).startsWith("close 1008");
    }

    @Test
    public void anOversizedFrameClosesTheSocket() throws Exception {
        String alice = createInstance("alice");
        Client a = authenticated(alice, cliToken(alice, "io.cozy.todos"));
        a.send("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\",\"id\":\"" + "x".repeat(1100)
                + "\"}}");
        assertThat(a.end()).startsWith("close 1009");
    }

    @Test
    public void theHandshakeNeedsTheSubprotocolAndAnInstance() throws Exception {
        String alice = createInstance("alice");
        assertThat(handshakeStatus(alice, false)).isEqualTo(400);
        assertThat(handshakeStatus("nobody.localhost:" + publicPort(), true)).isEqualTo(404);
        Http.Response plain =
                Http.get(publicUrl() + "/realtime/").host(alice).json().send();
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().path("error").asText()).isEqualTo("The client is not using the websocket protocol");
    }

    @Test
    public void notifyChecksTheDoctypeTheBodyAndThePermission() {
        String alice = createInstance("alice");
        String url = publicUrl() + "/realtime/io.cozy.todos/t5";
        Http.Response anonymous = Http.post(url).host(alice).json().body("{}").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asText()).isEqualTo("No token in request");
        Http.Response readOnly = Http.post(url)
                .host(alice)
                .json()
                .bearer(cliToken(alice, "io.cozy.todos:GET"))
                .body("{}")
                .send();
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.json().path("error").asText()).isEqualTo("Forbidden");
        String writer = cliToken(alice, "io.cozy.todos:POST:t5");
        assertThat(Http.post(url)
                        .host(alice)
                        .json()
                        .bearer(writer)
                        .body("{}")
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(Http.post(url)
                        .host(alice)
                        .json()
                        .bearer(writer)
                        .body("[1]")
                        .send()
                        .status())
                .isEqualTo(400);
        Http.Response reserved = Http.post(publicUrl() + "/realtime/io.cozy.sessions/s1")
                .host(alice)
                .json()
                .bearer(writer)
                .body("{}")
                .send();
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().path("errors").path(0).path("detail").asText())
                .contains("reserved doctype");
        assertThat(Http.method("PUT", url)
                        .host(alice)
                        .json()
                        .bearer(writer)
                        .body("{}")
                        .send()
                        .status())
                .isEqualTo(405);
    }

    @Test
    public void aClientThatNeverReadsDoesNotSlowPublishersAndIsDropped() throws Exception {
        String alice = createInstance("alice");
        String token = cliToken(alice, "io.cozy.todos");
        Client stalled = Client.open(wsUrl(), alice, false);
        stalled.send("{\"method\":\"AUTH\",\"payload\":\"" + token + "\"}");
        stalled.subscribe("io.cozy.todos", null);
        assertThat(stalled.sync()).isEmpty();
        Client healthy = authenticated(alice, token);
        healthy.subscribe("io.cozy.todos", null);
        assertThat(healthy.sync()).isEmpty();

        String padding = "x".repeat(2000);
        int bursts = 30;
        int perBurst = 500;
        long slowestBurst = 0;
        hub = hub == null ? new Hub() : hub;
        for (int burst = 0; burst < bursts; burst++) {
            long start = System.nanoTime();
            for (int i = 0; i < perBurst; i++) {
                hub.publish(alice, "CREATED", "io.cozy.todos", burst + "-" + i, padding);
            }
            slowestBurst = Math.max(slowestBurst, System.nanoTime() - start);
            for (int i = 0; i < perBurst; i++) {
                assertThat(healthy.next().path("payload").path("id").asText()).isEqualTo(burst + "-" + i);
            }
        }
        assertThat(Duration.ofNanos(slowestBurst))
                .as("publishing %d events", perBurst)
                .isLessThan(Duration.ofSeconds(2));

        stalled.socket.request(Long.MAX_VALUE);
        String end = stalled.end();
        // The close frame (1013 too slow) arrives if the client reads again before the server
        // cuts the connection (1006 here); either way, the events it did not read were dropped.
        assertThat(end).matches("close 1013 too slow|close 1006.*|error.*");
        assertThat(stalled.frames.size()).isLessThan(bursts * perBurst);
        assertThat(healthy.sync()).isEmpty();
    }

    // --- helpers ---

    private String wsUrl() {
        return "ws://127.0.0.1:" + publicPort() + "/realtime/";
    }

    private Client authenticated(String domain, String token) throws Exception {
        Client client = Client.open(wsUrl(), domain, true);
        client.send("{\"method\":\"AUTH\",\"payload\":\"" + token + "\"}");
        return client;
    }

    private int handshakeStatus(String host, boolean subprotocol) throws Exception {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().header("Host", host);
        builder = subprotocol ? builder.subprotocols(Client.PROTOCOL) : builder;
        try {
            builder.buildAsync(URI.create(wsUrl()), new WebSocket.Listener() {})
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return 101;
        } catch (ExecutionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static String describe(JsonNode event) {
        JsonNode p = event.path("payload");
        return event.path("event").asText() + " " + p.path("type").asText() + " "
                + p.path("id").asText();
    }

    private void publish(String domain, String verb, String doctype, String id) throws Exception {
        hub = hub == null ? new Hub() : hub;
        hub.publish(domain, verb, doctype, id, "");
    }

    /** The hub service, called by reflection: the itests do not compile against the realtime bundle. */
    private final class Hub {
        private final Object service;
        private final Method publish;
        private final Constructor<?> newEvent;
        private final Method verbOf;

        Hub() throws Exception {
            ServiceReference<?> ref = context.getServiceReference("dev.hearth.realtime.RealtimeHub");
            Bundle realtime = ref.getBundle();
            Class<?> eventType = realtime.loadClass("dev.hearth.realtime.Event");
            service = context.getService(ref);
            publish = realtime.loadClass("dev.hearth.realtime.RealtimeHub").getMethod("publish", eventType);
            newEvent = eventType.getConstructors()[0];
            verbOf = realtime.loadClass("dev.hearth.realtime.Event$Verb").getMethod("valueOf", String.class);
        }

        void publish(String domain, String verb, String doctype, String id, String padding) throws Exception {
            ObjectNode doc =
                    JSON.createObjectNode().put("_id", id).put("_rev", "1-abc").put("padding", padding);
            publish.invoke(service, newEvent.newInstance(domain, verbOf.invoke(null, verb), doctype, id, doc));
        }
    }

    /** A websocket client of the {@code io.cozy.websocket} protocol that queues what it receives. */
    static final class Client implements WebSocket.Listener {
        static final String PROTOCOL = "io.cozy.websocket";
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final boolean reading;
        WebSocket socket;

        private Client(boolean reading) {
            this.reading = reading;
        }

        /** Connects; a client that is not {@code reading} reads only what {@link #sync} asks for. */
        static Client open(String url, String host, boolean reading) throws Exception {
            return open(url, host, reading, null);
        }

        /** Connects with a {@code Cookie} header, when one is given. */
        static Client open(String url, String host, boolean reading, String cookie) throws Exception {
            Client client = new Client(reading);
            WebSocket.Builder builder =
                    CLIENT.newWebSocketBuilder().header("Host", host).subprotocols(PROTOCOL);
            if (cookie != null) {
                builder.header("Cookie", cookie);
            }
            client.socket = builder.buildAsync(URI.create(url), client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.socket.getSubprotocol()).isEqualTo(PROTOCOL);
            return client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(Long.MAX_VALUE);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    ended.complete("error not JSON: " + partial);
                }
                partial.setLength(0);
            }
            if (!reading && !last) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete("error " + error);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        void subscribe(String type, String id) throws Exception {
            send("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"" + type + "\""
                    + (id == null ? "" : ",\"id\":\"" + id + "\"") + "}}");
        }

        JsonNode next() throws InterruptedException {
            if (!reading) {
                socket.request(1);
            }
            JsonNode frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                fail("No frame within " + WAIT + (ended.isDone() ? "; " + ended.getNow("") : ""));
            }
            return frame;
        }

        /**
         * Sends an unknown method and waits for its 405: the server handles a socket's frames in
         * order, so every command sent before is in effect. Returns the frames received meanwhile.
         */
        List<JsonNode> sync() throws Exception {
            send("{\"method\":\"SYNC\"}");
            List<JsonNode> before = new ArrayList<>();
            while (true) {
                JsonNode frame = next();
                if ("SYNC"
                        .equals(frame.path("payload")
                                .path("source")
                                .path("method")
                                .asText())) {
                    assertThat(frame.path("payload").path("status").asText()).isEqualTo("405 Method Not Allowed");
                    return before;
                }
                before.add(frame);
            }
        }

        /** How the socket ended: {@code close <code> <reason>} or {@code error <exception>}. */
        String end() throws Exception {
            return ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
