package dev.hearth.realtime.http.internal;

import dev.hearth.auth.AuthContext;
import dev.hearth.auth.PermissionSet;
import dev.hearth.common.error.HearthException;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub.Subscription;
import dev.hearth.web.WebConstants;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One realtime connection of an instance: reads the client's commands (AUTH, SUBSCRIBE,
 * UNSUBSCRIBE) in order on Jetty's reader, and forwards the hub events it subscribed to through
 * its {@link Outbox}, so publishing threads only filter, encode and enqueue.
 */
public final class RealtimeSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSocket.class);
    /** How long a closing connection may take to flush its close frame before it is cut. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    static final String AUTH_FAILED = "Authentication failed";
    static final String TOO_SLOW = "too slow";

    private final String domain;
    /**
     * The client's address, counted among those waiting to authenticate from the upgrade until the
     * socket authenticates or ends.
     */
    private final String address;

    private final SocketServices services;
    /** The cookies of the upgrade request: what a share link's password left in the browser. */
    private final Map<String, String> cookies;

    private final Subscriptions subscriptions = new Subscriptions();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile @Nullable Session session;
    private volatile @Nullable Outbox outbox;
    private volatile @Nullable Subscription feed;
    private volatile long lastRead;
    private volatile long lastPing;
    private volatile long openedAt;
    private final AtomicBoolean settled = new AtomicBoolean();
    // Reader thread only: the caller's permissions once authenticated; whether the socket is closing.
    private @Nullable PermissionSet permissions;
    private boolean refused;
    // Timer thread only: when the heartbeat first saw the session no longer open.
    private long notOpenSince;

    RealtimeSocket(String domain, String address, SocketServices services, Map<String, String> cookies) {
        this.domain = domain;
        this.address = address;
        this.services = services;
        this.cookies = Map.copyOf(cookies);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        outbox = new Outbox(
                transport(opened),
                services.connections().tasks(),
                services.maxQueuedFrames(),
                services.maxQueuedBytes(),
                this::tooSlow);
        lastRead = System.nanoTime();
        lastPing = lastRead;
        openedAt = lastRead;
        services.connections().add(this);
        log(() -> LOG.debug("Realtime socket opened from {}", opened.getRemoteSocketAddress()));
    }

    @Override
    public void onWebSocketText(String text) {
        lastRead = System.nanoTime();
        if (refused) {
            return;
        }
        try {
            handle(text);
        } catch (RuntimeException e) {
            LOG.error("Realtime command of {} failed", domain, e);
            refuse(StatusCode.SERVER_ERROR, "Internal error");
        }
    }

    /** Binary frames are read as UTF-8 text, as Cozy reads every frame as JSON. */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        onWebSocketText(StandardCharsets.UTF_8.decode(payload).toString());
        callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastRead = System.nanoTime();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Jetty closes the connection after an error and then calls onWebSocketClose.
        log(() -> LOG.debug("Realtime socket failed: {}", cause.toString()));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end(statusCode, reason);
    }

    private void handle(String text) {
        Command command = null;
        try {
            command = Command.parse(text);
            if (permissions == null && !Command.AUTH.equals(command.method())) {
                throw new CommandException(ErrorFrame.unauthorized("Send AUTH with a token first", command.source()));
            }
            execute(command);
        } catch (CommandException e) {
            send(Frames.error(e.error()));
            if (permissions == null || (command != null && Command.AUTH.equals(command.method()))) {
                refuse(StatusCode.POLICY_VIOLATION, AUTH_FAILED);
            }
        }
    }

    private void execute(Command command) {
        switch (command.method()) {
            case Command.AUTH -> authenticate(command);
            case Command.SUBSCRIBE -> subscribe(command);
            case Command.UNSUBSCRIBE -> subscriptions.remove(command.target());
            default -> throw new CommandException(ErrorFrame.methodNotAllowed(command.method(), command.source()));
        }
    }

    /** The first AUTH opens the feed of events; a later one replaces the permissions (token refresh). */
    private void authenticate(Command command) {
        AuthContext caller;
        try {
            caller = services.authenticator().authenticate(domain, command.token(), cookies::get);
        } catch (HearthException e) {
            throw new CommandException(ErrorFrame.unauthorized(AUTH_FAILED + ": " + e.getMessage(), command.source()));
        }
        PermissionSet granted = caller.permissions();
        boolean first = permissions == null;
        settle();
        permissions = granted;
        if (first) {
            feed = services.hub().subscribe(domain, this::deliver);
            if (ended.get()) {
                endFeed();
            }
        } else {
            subscriptions.retain(target -> SubscribePolicy.allows(granted, target));
        }
    }

    private void subscribe(Command command) {
        Target target = command.target();
        PermissionSet granted = permissions;
        if (granted == null || !SubscribePolicy.allows(granted, target)) {
            String what = target.isWholeType() ? target.type() : target.type() + "/" + target.id();
            throw new CommandException(
                    ErrorFrame.forbidden("This token may not subscribe to " + what, command.source()));
        }
        subscriptions.add(target);
    }

    /** Called by the hub on the publishing thread: filters, encodes and enqueues; never blocks. */
    private void deliver(Event event) {
        Outbox out = outbox;
        if (out != null && subscriptions.matches(event.doctype(), event.id())) {
            out.offer(services.frames().event(event));
        }
    }

    private void send(Outbox.Frame frame) {
        Outbox out = outbox;
        if (out != null) {
            out.offer(frame);
        }
    }

    /** Answers nothing more: writes what is queued (the error frame), then closes. */
    private void refuse(int code, String reason) {
        refused = true;
        close(code, reason, true);
    }

    /** The outbox overflowed: stop the events and close, cutting the connection if the close is stuck. */
    private void tooSlow() {
        log(() -> LOG.info(
                "Realtime socket dropped: the client fell more than {} frames or {} bytes behind",
                services.maxQueuedFrames(),
                services.maxQueuedBytes()));
        close(StatusCode.TRY_AGAIN_LATER, TOO_SLOW, false);
    }

    /** An upgrade that never opened a connection no longer counts against its address. */
    void settleUnopened() {
        if (session == null) {
            settle();
        }
    }

    /** No longer counted among the connections waiting to authenticate (once). */
    private void settle() {
        if (settled.compareAndSet(false, true)) {
            services.connections().settled(address);
        }
    }

    /**
     * Pings, or closes a connection the client has left silent too long or that has not
     * authenticated in time (timer thread).
     */
    void beat(Heartbeat heartbeat, long now) {
        Session current = session;
        if (current == null || ended.get()) {
            return;
        }
        if (!settled.get() && now - openedAt > services.authDeadline().toNanos()) {
            services.connections().remove(this);
            close(
                    StatusCode.POLICY_VIOLATION,
                    "No AUTH within " + services.authDeadline().toSeconds() + " s",
                    false);
            return;
        }
        if (!current.isOpen()) {
            // Jetty reports every close; this only catches a socket it never reported.
            if (notOpenSince == 0) {
                notOpenSince = now;
            } else if (now - notOpenSince > CLOSE_GRACE.toNanos()) {
                end(StatusCode.ABNORMAL, "Connection lost");
            }
            return;
        }
        switch (heartbeat.due(now, lastRead, lastPing)) {
            case PING -> {
                lastPing = now;
                current.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            }
            case EXPIRE -> {
                services.connections().remove(this);
                close(
                        StatusCode.SHUTDOWN,
                        "No message from the client for "
                                + heartbeat.readDeadline().toSeconds() + " s",
                        false);
            }
            case NONE -> {}
        }
    }

    /** The server stops: close now. */
    void shutdown() {
        close(StatusCode.SHUTDOWN, "Server shutting down", false);
    }

    /**
     * Stops the events and closes, after what is queued ({@code flush}) or at once; the connection
     * is cut if the close handshake has not ended within {@link #CLOSE_GRACE}.
     */
    private void close(int code, String reason, boolean flush) {
        endFeed();
        Outbox out = outbox;
        Session current = session;
        if (out == null || current == null) {
            return;
        }
        if (flush) {
            out.closeAfterFlush(code, reason);
        } else {
            out.discard();
            current.close(code, reason, Callback.NOOP);
        }
        services.connections().later(CLOSE_GRACE, current::disconnect);
    }

    private void end(int code, String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        endFeed();
        settle();
        Outbox out = outbox;
        if (out != null) {
            out.discard();
        }
        services.connections().remove(this);
        log(() -> LOG.debug("Realtime socket closed: {} {}", code, reason));
    }

    private void endFeed() {
        Subscription current = feed;
        if (current != null) {
            feed = null;
            current.close();
        }
    }

    /** Logs with the instance in the MDC, as request lines have it. */
    private void log(Runnable line) {
        String previous = MDC.get(WebConstants.MDC_DOMAIN);
        MDC.put(WebConstants.MDC_DOMAIN, domain);
        try {
            line.run();
        } finally {
            if (previous == null) {
                MDC.remove(WebConstants.MDC_DOMAIN);
            } else {
                MDC.put(WebConstants.MDC_DOMAIN, previous);
            }
        }
    }

    private static Outbox.Transport transport(Session session) {
        return new Outbox.Transport() {
            @Override
            public void send(String text, Runnable written, Consumer<Throwable> failed) {
                session.sendText(text, Callback.from(written, failed));
            }

            @Override
            public void close(int code, String reason) {
                session.close(code, reason, Callback.NOOP);
            }
        };
    }
}
