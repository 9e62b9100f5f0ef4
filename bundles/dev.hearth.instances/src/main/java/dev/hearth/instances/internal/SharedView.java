package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.instances.registry.RegistryBackend;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link Registry} in step with a shared backend. The backend tells every change
 * (its {@link RegistryBackend#watch}); the record is then read again, so a lost or repeated
 * notice costs a read, never a wrong answer, and a lost connection makes everything read again.
 * A domain unknown here is read through once, so an instance created on another node is served
 * before its notice arrives; a domain found nowhere is remembered as missing for a few seconds
 * (unknown hosts must not cost a query each), and forgotten as soon as a notice names it.
 */
final class SharedView {
    private static final Logger LOG = LoggerFactory.getLogger(SharedView.class);
    private static final long MISS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_MISSES = 10_000;

    private final Registry registry;
    private final RegistryBackend backend;
    private final Map<String, Long> misses = new ConcurrentHashMap<>();

    SharedView(Registry registry, RegistryBackend backend) {
        this.registry = registry;
        this.backend = backend;
    }

    /** Reads every instance (at start, and after notices may have been lost). */
    void reloadAll() throws IOException {
        Set<String> seen = new HashSet<>();
        for (ObjectNode json : backend.loadAll()) {
            InstanceRecord record = Records.fromJson(json);
            seen.add(record.domain());
            registry.refresh(record);
        }
        for (String domain : registry.domains()) {
            if (!seen.contains(domain)) {
                registry.forget(domain);
            }
        }
        misses.clear();
    }

    /** A notice of the backend: {@code domain} changed, or (null) anything may have. */
    void changed(@Nullable String domain) {
        try {
            if (domain == null) {
                reloadAll();
                return;
            }
            misses.remove(domain);
            reload(domain);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read instance '{}' again from the shared registry", domain, e);
        }
    }

    /** A domain the registry does not hold: read through, unless it was missing a moment ago. */
    @Nullable
    Slot readThrough(String domain) {
        Long missed = misses.get(domain);
        if (missed != null && System.nanoTime() - missed < MISS_NANOS) {
            return null;
        }
        try {
            Slot slot = reload(domain);
            if (slot == null) {
                if (misses.size() >= MAX_MISSES) {
                    misses.clear();
                }
                misses.put(domain, System.nanoTime());
            }
            return slot;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read instance '{}' from the shared registry", domain, e);
            return null;
        }
    }

    private @Nullable Slot reload(String domain) throws IOException {
        ObjectNode json = backend.load(domain);
        if (json == null) {
            registry.forget(domain);
            return null;
        }
        return registry.refresh(Records.fromJson(json));
    }
}
