package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.ChangeFeed;
import dev.hearth.client.internal.Http;
import dev.hearth.client.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Feeds the server's realtime events into a client's store: a websocket on {@code /realtime/}
 * (protocol {@code io.cozy.websocket}) that authenticates with the link's token, subscribes to the
 * doctype of every stored query (and of every query stored later), and applies each
 * {@code CREATED}, {@code UPDATED} and {@code DELETED} document, so that stored queries follow
 * writes made by anyone. An error frame from the server is kept in {@link #lastError()}.
 *
 * <p>When the socket drops (the server closes it, restarts, or the network fails), it is opened
 * again after a back-off that doubles from a quarter second up to 30 seconds, authenticated and
 * subscribed again; then the changes of each doctype since the sequence read when it was
 * subscribed (or last caught up) are read from {@code _changes} and applied, so that writes and
 * deletions made while the socket was down reach the queries too. A socket closed because the
 * server refused the token gets a refreshed one ({@link Credentials#refresh()}) before the next
 * attempt. Subscriptions, reconnections
 * and catching up run one at a time in a thread of the connection's own.
 */
public final class Realtime implements AutoCloseable {
    public static final String PROTOCOL = "io.cozy.websocket";
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int POLICY_VIOLATION = 1008;
    private static final System.Logger LOG = System.getLogger(Realtime.class.getName());

    private final HearthClient client;
    private final URI ws;
    private final Credentials credentials;
    private final @Nullable String host;
    private final HttpClient httpClient;
    private final ChangeFeed feed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("hearth-realtime").factory());
    private final Set<String> doctypes = ConcurrentHashMap.newKeySet();
    private final Map<String, String> seqs = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable JsonNode> lastError = new AtomicReference<>();
    private final AtomicInteger reconnections = new AtomicInteger();
    private volatile @Nullable WebSocket socket;
    private volatile boolean closed;
    private volatile boolean refused;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Realtime(HearthClient client, URI base, Credentials credentials, @Nullable String host) {
        this.client = client;
        String url = base.toString().replaceFirst("^http", "ws");
        this.ws = URI.create((url.endsWith("/") ? url : url + "/") + "realtime/");
        this.credentials = credentials;
        this.host = host;
        this.httpClient = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String http = base.toString();
        this.feed = new ChangeFeed(
                new Http(httpClient, URI.create(http.endsWith("/") ? http : http + "/"), credentials, host)::send);
    }

    /** Connects to the server of {@code link} with its token, and subscribes to the client's doctypes. */
    public static Realtime connect(HearthClient client, StackLink link) {
        return connect(client, link.base(), link.credentials(), link.host());
    }

    /**
     * Connects to {@code base}'s {@code /realtime/}.
     *
     * @param host the {@code Host} header to send, or null for the URL's
     * @throws ClientException when the first connection fails (later ones are retried)
     */
    public static Realtime connect(HearthClient client, URI base, Credentials credentials, @Nullable String host) {
        Realtime realtime = new Realtime(client, base, credentials, host);
        realtime.open();
        client.onNewDoctype(realtime::subscribe);
        client.doctypes().forEach(realtime::subscribe);
        realtime.flush();
        return realtime;
    }

    /** Subscribes to every change of {@code doctype}. */
    public void subscribe(String doctype) {
        worker.execute(() -> subscribeNow(doctype));
    }

    private void subscribeNow(String doctype) {
        if (!doctypes.add(doctype)) {
            return;
        }
        try {
            seqs.put(doctype, feed.now(doctype));
        } catch (ClientException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Changes of {0} missed while disconnected will not be read: {1}",
                    doctype,
                    e.getMessage());
        }
        sendSubscribe(doctype);
    }

    private void sendSubscribe(String doctype) {
        ObjectNode frame = Json.object().put("method", "SUBSCRIBE");
        frame.putObject("payload").put("type", doctype);
        send(frame);
    }

    /** The last error frame the server sent, if any. */
    public @Nullable JsonNode lastError() {
        return lastError.get();
    }

    /** How many times the socket was opened again after it dropped. */
    public int reconnections() {
        return reconnections.get();
    }

    /** Whether a socket is open now. */
    public boolean connected() {
        WebSocket s = socket;
        return s != null && !s.isInputClosed() && !s.isOutputClosed();
    }

    private void open() {
        Listener listener = new Listener(this);
        WebSocket.Builder builder =
                httpClient.newWebSocketBuilder().subprotocols(PROTOCOL).connectTimeout(Duration.ofSeconds(10));
        if (host != null) {
            builder.header("Host", host);
        }
        WebSocket opened;
        try {
            opened = builder.buildAsync(ws, listener).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(0, "interrupted", "Interrupted while connecting to " + ws, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientException(0, "network", "Cannot open " + ws + ": " + e, e);
        }
        synchronized (this) {
            socket = opened;
            sending = CompletableFuture.completedFuture(null);
        }
        send(Json.object().put("method", "AUTH").put("payload", credentials.token()));
    }

    private synchronized void send(JsonNode frame) {
        WebSocket s = socket;
        if (s == null) {
            return;
        }
        String text = Json.text(frame);
        sending = sending.thenCompose(x -> s.sendText(text, true));
    }

    /** Waits until every subscription asked so far is made and every frame sent is written. */
    public void flush() {
        CompletableFuture.runAsync(() -> {}, worker)
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        CompletableFuture<?> pending;
        synchronized (this) {
            pending = sending;
        }
        pending.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /**
     * The socket {@code dropped} ended: open another one, unless this connection is closed. A
     * close for a policy violation is the server refusing the token: it is refreshed first.
     */
    void dropped(WebSocket dropped, int status) {
        if (closed || dropped != socket) {
            return;
        }
        if (status == POLICY_VIOLATION) {
            refused = true;
        }
        worker.execute(this::reconnect);
    }

    private void reconnect() {
        long delay = FIRST_BACKOFF.toMillis();
        while (!closed) {
            try {
                Thread.sleep(delay + ThreadLocalRandom.current().nextLong(delay / 4 + 1));
                if (refused) {
                    refused = !credentials.refresh();
                }
                open();
                WebSocket opened = socket;
                if (closed && opened != null) {
                    opened.abort();
                    return;
                }
                reconnections.incrementAndGet();
                doctypes.forEach(this::sendSubscribe);
                doctypes.forEach(this::catchUp);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ClientException e) {
                LOG.log(System.Logger.Level.DEBUG, "Realtime reconnection failed: {0}", e.getMessage());
                delay = Math.min(delay * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void catchUp(String doctype) {
        String since = seqs.get(doctype);
        if (since == null) {
            return;
        }
        try {
            seqs.put(doctype, feed.since(doctype, since, client::applyChange));
        } catch (ClientException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Cannot read the changes of {0} missed while disconnected: {1}",
                    doctype,
                    e.getMessage());
        }
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
        closed = true;
        worker.shutdownNow();
        WebSocket s = socket;
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
            s.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Realtime realtime;

        Listener(Realtime realtime) {
            this.realtime = realtime;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    realtime.received(Json.parse(text));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Ignoring a realtime frame: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "The server closed the realtime socket ({0} {1})",
                    String.valueOf(statusCode),
                    reason);
            realtime.dropped(webSocket, statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.log(System.Logger.Level.INFO, "The realtime socket failed: {0}", error.toString());
            realtime.dropped(webSocket, 0);
        }
    }
}
