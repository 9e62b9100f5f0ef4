package dev.hearth.redis.internal;

import dev.hearth.common.expiring.ExpiringValues;
import dev.hearth.common.health.Backend;
import dev.hearth.common.health.HealthCheck;
import dev.hearth.redis.RedisEndpoint;
import dev.hearth.redis.Resp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@link ExpiringValues} in Redis: each operation is one command (SET with PX and NX, GETDEL, GET,
 * DEL) or, for a counter, a SET NX of zero with its expiry followed by INCR, so that the expiry is
 * set once by whichever node counts first. Connections are taken from a small pool; one that
 * failed is closed rather than returned.
 */
@Component(
        service = {ExpiringValues.class, HealthCheck.class, Backend.class},
        configurationPid = RedisValuesConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RedisValuesConfig.class)
public final class RedisValues implements ExpiringValues, HealthCheck, Backend {
    private final RedisEndpoint endpoint;
    private final String prefix;
    private final Duration timeout;
    private final BlockingQueue<Resp> idle;

    @Activate
    public RedisValues(RedisValuesConfig config) {
        this(RedisEndpoint.parse(config._url()), config.prefix(), config.connections(), config.timeoutMillis());
    }

    RedisValues(RedisEndpoint endpoint, String prefix, int connections, int timeoutMillis) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.timeout = Duration.ofMillis(Math.max(100, timeoutMillis));
        this.idle = new ArrayBlockingQueue<>(Math.max(1, connections));
    }

    @Deactivate
    void deactivate() {
        for (Resp r; (r = idle.poll()) != null; ) {
            r.close();
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        call("SET", prefix + key, value, "PX", millis(ttl));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        return call("SET", prefix + key, value, "PX", millis(ttl), "NX") != null;
    }

    @Override
    public byte @Nullable [] get(String key) {
        return (byte[]) call("GET", prefix + key);
    }

    @Override
    public byte @Nullable [] take(String key) {
        return (byte[]) call("GETDEL", prefix + key);
    }

    @Override
    public long increment(String key, Duration ttl) {
        call("SET", prefix + key, "0", "PX", millis(ttl), "NX");
        Object count = call("INCR", prefix + key);
        return count instanceof Long n ? n : 0;
    }

    @Override
    public void delete(String key) {
        call("DEL", prefix + key);
    }

    @Override
    public String describe() {
        return "redis " + endpoint;
    }

    @Override
    public String role() {
        return "short-lived values";
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void check() throws IOException {
        Resp r = borrow();
        try {
            r.call("PING");
        } catch (IOException e) {
            r.close();
            throw e;
        }
        giveBack(r);
    }

    private static String millis(Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis()));
    }

    private @Nullable Object call(Object... args) {
        try {
            Resp r = borrow();
            try {
                Object reply = r.call(args);
                giveBack(r);
                return reply;
            } catch (IOException | RuntimeException e) {
                r.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Redis " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private Resp borrow() throws IOException {
        Resp r = idle.poll();
        return r != null ? r : Resp.connect(endpoint, timeout);
    }

    private void giveBack(Resp r) {
        if (!idle.offer(r)) {
            r.close();
        }
    }
}
