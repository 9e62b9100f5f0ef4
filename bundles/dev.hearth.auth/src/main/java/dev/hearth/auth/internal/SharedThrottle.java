package dev.hearth.auth.internal;

import dev.hearth.auth.LoginThrottle;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.expiring.ExpiringValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The rules of {@link LoginThrottleImpl} on {@link ExpiringValues} every node shares, so that a
 * guesser spreading attempts over the nodes of a cluster is counted once: an address's failures
 * are a counter, its wait a key that expires when the wait ends, its attempt in flight a key taken
 * with put-if-absent (released at the end, or after a minute if its node died), the instance's
 * window a counter that expires with the window. Times are the store's, not a node's clock.
 */
final class SharedThrottle implements LoginThrottle {
    private static final Duration IN_FLIGHT = Duration.ofMinutes(1);
    private static final Duration FORGET = Duration.ofHours(1);
    private static final byte[] MARK = {1};

    private final ThrottleLimits limits;
    private final ExpiringValues values;

    SharedThrottle(ThrottleLimits limits, ExpiringValues values) {
        this.limits = limits;
        this.values = values;
    }

    @Override
    public Attempt begin(String domain, String address) {
        String key = domain + '\n' + address;
        byte[] wait = values.get("login-wait:" + key);
        if (wait != null) {
            long seconds = Long.parseLong(new String(wait, StandardCharsets.US_ASCII)) - nowSeconds();
            throw tooMany(Math.max(1, seconds));
        }
        byte[] failures = values.get("login-failures:" + key);
        if (failures != null && overBudget(domain)) {
            throw tooMany(limits.windowSeconds());
        }
        if (!values.putIfAbsent("login-busy:" + key, MARK, IN_FLIGHT)) {
            throw tooMany(1);
        }
        return new SharedAttempt(domain, key);
    }

    private boolean overBudget(String domain) {
        byte[] count = values.get("login-window:" + domain);
        return count != null && parse(count) >= limits.instanceBudget();
    }

    private static long parse(byte[] count) {
        try {
            return Long.parseLong(new String(count, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static StatusException tooMany(long seconds) {
        return new StatusException(429, TOO_MANY).withHeader("Retry-After", Long.toString(seconds));
    }

    private void failed(String domain, String key) {
        long failures = values.increment("login-failures:" + key, FORGET);
        long over = failures - limits.freeFailures();
        if (over > 0) {
            long seconds = Math.min(limits.maxWaitSeconds(), 1L << Math.min(over - 1, 30));
            values.put(
                    "login-wait:" + key,
                    Long.toString(nowSeconds() + seconds).getBytes(StandardCharsets.US_ASCII),
                    Duration.ofSeconds(seconds));
        }
        values.increment("login-window:" + domain, Duration.ofSeconds(limits.windowSeconds()));
    }

    private final class SharedAttempt implements Attempt {
        private final String domain;
        private final String key;
        private boolean done;

        SharedAttempt(String domain, String key) {
            this.domain = domain;
            this.key = key;
        }

        @Override
        public void failed() {
            if (!done) {
                done = true;
                SharedThrottle.this.failed(domain, key);
            }
        }

        @Override
        public void succeeded() {
            if (!done) {
                done = true;
                values.delete("login-failures:" + key);
                values.delete("login-wait:" + key);
            }
        }

        @Override
        public void close() {
            values.delete("login-busy:" + key);
        }
    }
}
