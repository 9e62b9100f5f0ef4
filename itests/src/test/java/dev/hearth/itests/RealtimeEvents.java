package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A realtime websocket subscribed to io.cozy.todos, queueing the frames it receives. */
final class RealtimeEvents implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static RealtimeEvents open(Distribution node, String domain, String token) throws Exception {
        RealtimeEvents events = new RealtimeEvents();
        events.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Host", domain)
                .subprotocols("io.cozy.websocket")
                .buildAsync(URI.create("ws://127.0.0.1:" + node.publicPort() + "/realtime/"), events)
                .get(10, TimeUnit.SECONDS);
        events.socket
                .sendText("{\"method\":\"AUTH\",\"payload\":\"" + token + "\"}", true)
                .get();
        events.socket
                .sendText("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\"}}", true)
                .get();
        // An unknown method is answered in order: once its error arrives, the subscription is in place.
        events.socket.sendText("{\"method\":\"SYNC\"}", true).get();
        assertThat(events.next().path("payload").path("status").asText()).isEqualTo("405 Method Not Allowed");
        return events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                frames.add(JSON.createObjectNode().put("event", "unreadable"));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(15, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 15 s").isNotNull();
        return frame;
    }
}
