package dev.hearth.common.expiring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Values that vanish after a time: authorization codes, download secrets, login counters. A bundle
 * that keeps such state takes an optional service of this type and falls back to {@link
 * MemoryExpiringValues} without one: a single node needs nothing more, several nodes share one
 * store so that a value written through one node is read through another. Keys are chosen by the
 * callers, each under its own prefix; every operation is atomic on its key.
 */
@ConsumerType
public interface ExpiringValues {
    /** Stores a value for {@code ttl}, replacing any. */
    void put(String key, byte[] value, Duration ttl);

    /** Stores a value for {@code ttl} unless the key holds one; whether it was stored. */
    boolean putIfAbsent(String key, byte[] value, Duration ttl);

    /** The value of a key, or null when it has none or expired. */
    byte @Nullable [] get(String key);

    /** The value of a key, removed in the same step so that only one caller gets it. */
    byte @Nullable [] take(String key);

    /**
     * Adds one to a counter and returns the new count; a counter starts at zero and expires
     * {@code ttl} after its first increment.
     */
    long increment(String key, Duration ttl);

    /** Removes a key. */
    void delete(String key);

    /** What holds the values, for {@code /status}: {@code memory}, {@code redis}. */
    String describe();
}
