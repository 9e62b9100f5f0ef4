package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Feeds the server's realtime events into a client's store: a websocket on {@code /realtime/}
 * (protocol {@code io.cozy.websocket}) that authenticates with the link's token, subscribes to the
 * doctype of every stored query (and of every query stored later), and applies each
 * {@code CREATED}, {@code UPDATED} and {@code DELETED} document, so that stored queries follow
 * writes made by anyone. An error frame from the server is kept in {@link #lastError()}.
 */
public final class Realtime implements AutoCloseable {
    public static final String PROTOCOL = "io.cozy.websocket";
    private static final System.Logger LOG = System.getLogger(Realtime.class.getName());

    private final HearthClient client;
    private final WebSocket socket;
    private final AtomicReference<@Nullable JsonNode> lastError = new AtomicReference<>();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Realtime(HearthClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
    }

    /** Connects to the server of {@code link} with its token, and subscribes to the client's doctypes. */
    public static Realtime connect(HearthClient client, StackLink link) {
        return connect(client, link.base(), link.credentials(), link.host());
    }

    /**
     * Connects to {@code base}'s {@code /realtime/}.
     *
     * @param host the {@code Host} header to send, or null for the URL's
     */
    public static Realtime connect(HearthClient client, URI base, Credentials credentials, @Nullable String host) {
        String url = base.toString().replaceFirst("^http", "ws");
        URI ws = URI.create((url.endsWith("/") ? url : url + "/") + "realtime/");
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols(PROTOCOL)
                .connectTimeout(Duration.ofSeconds(10));
        if (host != null) {
            builder.header("Host", host);
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(ws, listener).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(0, "interrupted", "Interrupted while connecting to " + ws, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientException(0, "network", "Cannot open " + ws + ": " + e, e);
        }
        Realtime realtime = new Realtime(client, socket);
        listener.realtime = realtime;
        realtime.send(Json.object().put("method", "AUTH").put("payload", credentials.token()));
        client.onNewDoctype(realtime::subscribe);
        client.doctypes().forEach(realtime::subscribe);
        return realtime;
    }

    /** Subscribes to every change of {@code doctype}. */
    public void subscribe(String doctype) {
        ObjectNode frame = Json.object().put("method", "SUBSCRIBE");
        frame.putObject("payload").put("type", doctype);
        send(frame);
    }

    /** The last error frame the server sent, if any. */
    public @Nullable JsonNode lastError() {
        return lastError.get();
    }

    private synchronized void send(JsonNode frame) {
        String text = Json.text(frame);
        sending = sending.thenCompose(x -> socket.sendText(text, true));
    }

    /** Waits until every frame sent so far is written. */
    public void flush() {
        CompletableFuture<?> pending;
        synchronized (this) {
            pending = sending;
        }
        pending.orTimeout(30, TimeUnit.SECONDS).join();
    }

    void received(JsonNode frame) {
        JsonNode error = dispatch(client, frame);
        if (error != null) {
            lastError.set(error);
            LOG.log(System.Logger.Level.WARNING, "Realtime error: {0}", error);
        }
    }

    /** Applies one server frame to the store; answers the payload of an error frame. */
    static @Nullable JsonNode dispatch(HearthClient client, JsonNode frame) {
        String event = frame.path("event").asText();
        JsonNode payload = frame.path("payload");
        if (event.equals("error")) {
            return payload;
        }
        boolean write = event.equals("CREATED") || event.equals("UPDATED") || event.equals("DELETED");
        if (write && payload.path("doc").isObject()) {
            ObjectNode doc = ((ObjectNode) payload.path("doc")).deepCopy();
            if (event.equals("DELETED")) {
                doc.put("_deleted", true);
            }
            client.applyChange(payload.path("type").asText(), doc);
        }
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null);
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        volatile @Nullable Realtime realtime;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                Realtime r = realtime;
                if (r != null) {
                    try {
                        r.received(Json.parse(text));
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "Ignoring a realtime frame: " + text, e);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
