package dev.hearth.common.expiring;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link ExpiringValues} in this process's memory: a restart forgets them, as their users expect
 * of short-lived values. Expired values are swept when the map grows past a bound; a full map
 * refuses new keys rather than grow without limit.
 */
public final class MemoryExpiringValues implements ExpiringValues {
    private static final int DEFAULT_MAX = 200_000;

    private record Entry(byte[] value, long count, long expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier nanos;
    private final int max;

    public MemoryExpiringValues() {
        this(System::nanoTime, DEFAULT_MAX);
    }

    MemoryExpiringValues(LongSupplier nanos, int max) {
        this.nanos = nanos;
        this.max = max;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        room();
        entries.put(key, new Entry(value.clone(), 0, deadline(ttl)));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        room();
        long now = nanos.getAsLong();
        Entry fresh = new Entry(value.clone(), 0, deadline(ttl));
        Entry kept = entries.compute(key, (k, e) -> e == null || expired(e, now) ? fresh : e);
        return kept == fresh;
    }

    @Override
    public byte @Nullable [] get(String key) {
        Entry e = entries.get(key);
        return e == null || expired(e, nanos.getAsLong()) ? null : e.value().clone();
    }

    @Override
    public byte @Nullable [] take(String key) {
        Entry e = entries.remove(key);
        return e == null || expired(e, nanos.getAsLong()) ? null : e.value();
    }

    @Override
    public long increment(String key, Duration ttl) {
        room();
        long now = nanos.getAsLong();
        return entries.compute(
                        key,
                        (k, e) -> e == null || expired(e, now)
                                ? new Entry(new byte[0], 1, deadline(ttl))
                                : new Entry(e.value(), e.count() + 1, e.expires()))
                .count();
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public String describe() {
        return "memory";
    }

    private long deadline(Duration ttl) {
        return nanos.getAsLong() + ttl.toNanos();
    }

    private static boolean expired(Entry e, long now) {
        return now - e.expires() >= 0;
    }

    private void room() {
        if (entries.size() < max) {
            return;
        }
        long now = nanos.getAsLong();
        entries.values().removeIf(e -> expired(e, now));
        if (entries.size() >= max) {
            throw new IllegalStateException("Too many short-lived values pending");
        }
    }
}
