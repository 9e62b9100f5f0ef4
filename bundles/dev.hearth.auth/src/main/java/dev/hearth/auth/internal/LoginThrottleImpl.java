package dev.hearth.auth.internal;

import dev.hearth.auth.LoginThrottle;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.expiring.ExpiringValues;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LoginThrottle} in memory: the state of a busy server fits in a few maps. On a cluster the
 * same rules run on the short-lived values the nodes share.
 */
@Component(configurationPid = LoginThrottleImpl.PID)
@Designate(ocd = LoginThrottleImpl.Config.class)
public final class LoginThrottleImpl implements LoginThrottle {
    static final String PID = "dev.hearth.auth.throttle";
    private static final int MAX_TRACKED = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleImpl.class);

    @ObjectClassDefinition(name = "Hearth login throttling")
    public @interface Config {
        @AttributeDefinition(description = "Failures an address may make before it has to wait")
        int freeFailures() default 5;

        @AttributeDefinition(description = "Longest wait of an address, in seconds")
        int maxWaitSeconds() default 3600;

        @AttributeDefinition(description = "Failures per instance and window, from all addresses")
        int instanceBudget() default 100;

        @AttributeDefinition(description = "Length of the instance window, in seconds")
        int windowSeconds() default 900;
    }

    /** The failures of one address on one instance. */
    private static final class Address {
        int failures;
        boolean inFlight;
        long waitUntil;
        long lastFailure;
    }

    /** The failures of one instance in the current window. */
    private static final class Window {
        long start;
        int failures;
    }

    private final ThrottleLimits config;
    private final LongSupplier nanos;
    private final @Nullable SharedThrottle shared;
    private final ConcurrentHashMap<String, Address> addresses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * The throttle in this node's memory, or, given the short-lived values the nodes of a cluster
     * share, on those ({@link SharedThrottle}).
     */
    @Activate
    public LoginThrottleImpl(
            Config config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    @Nullable
                    ExpiringValues values) {
        this.config = ThrottleLimits.of(config, LOG);
        this.nanos = System::nanoTime;
        this.shared = values == null ? null : new SharedThrottle(this.config, values);
    }

    public LoginThrottleImpl(Config config) {
        this(config, System::nanoTime);
    }

    LoginThrottleImpl(Config config, LongSupplier nanos) {
        this.config = ThrottleLimits.of(config, LOG);
        this.nanos = nanos;
        this.shared = null;
    }

    @Override
    public Attempt begin(String domain, String address) {
        if (shared != null) {
            return shared.begin(domain, address);
        }
        long now = nanos.getAsLong();
        String key = domain + '\n' + address;
        if (addresses.size() > MAX_TRACKED) {
            prune(now);
        }
        Address a = addresses.computeIfAbsent(key, k -> new Address());
        synchronized (a) {
            long wait = Math.max(a.inFlight ? 1 : 0, a.waitUntil - now);
            if (wait <= 0 && a.failures > 0) {
                wait = windowWait(domain, now);
            }
            if (wait > 0) {
                throw tooMany(wait);
            }
            a.inFlight = true;
        }
        return new AttemptImpl(domain, key, a);
    }

    private long windowWait(String domain, long now) {
        Window w = windows.get(domain);
        if (w == null) {
            return 0;
        }
        synchronized (w) {
            long end = w.start + TimeUnit.SECONDS.toNanos(config.windowSeconds());
            return w.failures >= config.instanceBudget() && now < end ? end - now : 0;
        }
    }

    private static StatusException tooMany(long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        return new StatusException(429, TOO_MANY).withHeader("Retry-After", Long.toString(seconds));
    }

    private void recordFailure(String domain, Address a) {
        long now = nanos.getAsLong();
        synchronized (a) {
            a.failures++;
            a.lastFailure = now;
            int over = a.failures - config.freeFailures();
            if (over > 0) {
                long seconds = Math.min(config.maxWaitSeconds(), 1L << Math.min(over - 1, 30));
                a.waitUntil = now + TimeUnit.SECONDS.toNanos(seconds);
            }
        }
        Window w = windows.computeIfAbsent(domain, d -> new Window());
        synchronized (w) {
            if (w.failures == 0 || now - w.start > TimeUnit.SECONDS.toNanos(config.windowSeconds())) {
                w.start = now;
                w.failures = 0;
            }
            w.failures++;
        }
    }

    /** Forgets addresses that have nothing left to wait for and have not failed for an hour. */
    private void prune(long now) {
        long hour = TimeUnit.HOURS.toNanos(1);
        addresses.values().removeIf(a -> {
            synchronized (a) {
                return !a.inFlight && now - a.waitUntil > 0 && now - a.lastFailure > hour;
            }
        });
    }

    private final class AttemptImpl implements Attempt {
        private final String domain;
        private final String key;
        private final Address address;
        private boolean done;

        AttemptImpl(String domain, String key, Address address) {
            this.domain = domain;
            this.key = key;
            this.address = address;
        }

        @Override
        public void failed() {
            if (!done) {
                done = true;
                recordFailure(domain, address);
            }
        }

        @Override
        public void succeeded() {
            if (!done) {
                done = true;
                addresses.remove(key, address);
            }
        }

        @Override
        public void close() {
            synchronized (address) {
                address.inFlight = false;
            }
        }
    }
}
