package dev.hearth.realtime.redis.internal;

import dev.hearth.common.id.Ids;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.EventRelay;
import dev.hearth.redis.RedisEndpoint;
import dev.hearth.redis.Resp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime relay over one Redis channel. Each node is a random id for as long as this relay
 * runs; it publishes its events tagged with it and, on a connection of its own, subscribes to the
 * channel and hands this node's hub what the other nodes published, skipping its own. Both
 * connections come back by themselves after Redis restarts or the network breaks (with a growing
 * pause, at most 5 s): what was published meanwhile by this node waits in a bounded queue; what
 * the other nodes published meanwhile is lost, as Redis keeps no published message.
 */
@Component(
        service = EventRelay.class,
        configurationPid = RedisRelayConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RedisRelayConfig.class)
public final class RedisRelay implements EventRelay {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRelay.class);

    private final RedisEndpoint endpoint;
    private final String channel;
    private final Duration timeout;
    private final Duration ping;
    private final String node = Ids.randomHex(12);
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<Resp> open = ConcurrentHashMap.newKeySet();
    private final Thread publisher;
    private final Thread subscriber;
    private volatile @Nullable Consumer<Event> local;
    private volatile boolean running = true;
    private volatile boolean subscribed;

    @Activate
    public RedisRelay(RedisRelayConfig config) {
        this(
                RedisEndpoint.parse(config._url()),
                config.channel(),
                Math.max(1, config.queueMegabytes()) * 1024L * 1024L,
                Duration.ofSeconds(Math.max(1, config.timeoutSeconds())),
                Duration.ofSeconds(Math.max(1, config.pingSeconds())));
    }

    RedisRelay(RedisEndpoint endpoint, String channel, long maxQueuedBytes, Duration timeout, Duration ping) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.timeout = timeout;
        this.ping = ping;
        this.maxQueuedBytes = maxQueuedBytes;
        this.publisher = Thread.ofPlatform()
                .daemon()
                .name("hearth-realtime-redis-publish")
                .start(this::publishLoop);
        this.subscriber = Thread.ofPlatform()
                .daemon()
                .name("hearth-realtime-redis-subscribe")
                .start(this::subscribeLoop);
        LOG.info("Realtime events go through channel '{}' of {} (node {})", channel, endpoint, node);
    }

    @Deactivate
    public void stop() {
        running = false;
        open.forEach(Resp::close);
        publisher.interrupt();
        subscriber.interrupt();
        try {
            publisher.join(timeout.toMillis());
            subscriber.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void send(Event event) {
        if (!running) {
            return;
        }
        byte[] message = EventCodec.encode(node, event);
        if (queuedBytes.addAndGet(message.length) > maxQueuedBytes) {
            queuedBytes.addAndGet(-message.length);
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("{} realtime event(s) not sent to the other nodes: the queue to {} is full", n, endpoint);
            }
            return;
        }
        outbox.add(message);
    }

    @Override
    public void deliverTo(@Nullable Consumer<Event> local) {
        this.local = local;
    }

    /** Whether the subscription to the channel is in place (for tests and diagnostics). */
    boolean subscribed() {
        return subscribed;
    }

    String node() {
        return node;
    }

    /** How many events were dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void publishLoop() {
        Resp connection = null;
        byte[] pending = null;
        int failures = 0;
        while (running) {
            try {
                if (pending == null) {
                    pending = outbox.poll(1, TimeUnit.SECONDS);
                    continue;
                }
                if (connection == null) {
                    connection = track(Resp.connect(endpoint, timeout));
                }
                connection.call("PUBLISH", channel, pending);
                queuedBytes.addAndGet(-pending.length);
                pending = null;
                if (failures > 0) {
                    LOG.info("Publishing realtime events to {} again", endpoint);
                    failures = 0;
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException e) {
                release(connection);
                connection = null;
                failures = failed("publish to", ++failures, e);
            }
        }
        release(connection);
    }

    private void subscribeLoop() {
        int failures = 0;
        while (running) {
            Resp connection = null;
            try {
                connection = track(Resp.connect(endpoint, timeout));
                connection.send("SUBSCRIBE", channel);
                if (!(connection.read() instanceof List<?> confirmation)
                        || !"subscribe".equals(text(confirmation.get(0)))) {
                    throw new IOException("SUBSCRIBE was not confirmed");
                }
                connection.readTimeout(ping);
                subscribed = true;
                if (failures > 0) {
                    LOG.info("Receiving the other nodes' realtime events from {} again", endpoint);
                    failures = 0;
                }
                listen(connection);
            } catch (IOException e) {
                subscribed = false;
                release(connection);
                if (running) {
                    failures = failed("subscribe at", ++failures, e);
                }
            }
        }
        subscribed = false;
    }

    /** Reads messages until the connection breaks; a silent connection is checked with a PING. */
    private void listen(Resp connection) throws IOException {
        boolean pinged = false;
        while (running) {
            Object reply;
            try {
                reply = connection.read();
            } catch (SocketTimeoutException e) {
                if (pinged) {
                    throw new IOException("Redis did not answer a PING in " + ping.toSeconds() + " s");
                }
                connection.send("PING");
                pinged = true;
                continue;
            }
            pinged = false;
            if (reply instanceof List<?> message && message.size() == 3 && "message".equals(text(message.get(0)))) {
                receive((byte[]) message.get(2));
            }
        }
    }

    private void receive(byte[] message) {
        EventCodec.Received received;
        try {
            received = EventCodec.decode(message);
        } catch (IOException e) {
            LOG.warn("A message on channel '{}' is not a realtime event: {}", channel, e.getMessage());
            return;
        }
        Consumer<Event> target = local;
        if (target != null && !received.node().equals(node)) {
            target.accept(received.event());
        }
    }

    private Resp track(Resp connection) throws IOException {
        open.add(connection);
        if (!running) {
            release(connection);
            throw new IOException("Stopped");
        }
        return connection;
    }

    private void release(@Nullable Resp connection) {
        if (connection != null) {
            open.remove(connection);
            connection.close();
        }
    }

    /** Logs a failure (the first one of a series only as a warning) and pauses; returns the count. */
    private int failed(String what, int failures, IOException e) {
        if (!running) {
            return failures;
        }
        if (failures == 1) {
            LOG.warn("Cannot {} Redis {} ({}); trying again", what, endpoint, e.getMessage());
        } else {
            LOG.debug("Cannot {} Redis {} ({}), attempt {}", what, endpoint, e.getMessage(), failures);
        }
        try {
            Thread.sleep(Math.min(5_000L, 50L << Math.min(failures, 10)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
    }
}
