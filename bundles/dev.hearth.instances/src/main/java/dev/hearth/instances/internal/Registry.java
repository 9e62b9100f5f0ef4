package dev.hearth.instances.internal;

import dev.hearth.common.error.ApiException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which domains exist, and which are being created or destroyed. Lookups read the live map
 * without locking; a domain enters or leaves it only here, under this object's monitor, so a
 * domain is never live and busy at once: a creation becomes visible only when it is complete,
 * and a destroyed instance is invisible before anything of it is released.
 */
final class Registry {
    /** What a domain that is not live may be busy with. */
    private enum Phase {
        CREATING,
        DESTROYING
    }

    private final Map<String, Slot> live = new ConcurrentHashMap<>();
    private final Map<String, Phase> busy = new HashMap<>();

    /** The live instance of a lowercase domain, or null. */
    @Nullable
    Slot find(String domain) {
        return live.get(domain);
    }

    /** The live instance of a lowercase domain, or 404. */
    Slot get(String domain) {
        Slot slot = live.get(domain);
        if (slot == null) {
            throw ApiException.notFound("Instance not found");
        }
        return slot;
    }

    Collection<Slot> slots() {
        return live.values();
    }

    int size() {
        return live.size();
    }

    /** Adds an instance loaded from disk. */
    synchronized void load(InstanceRecord record) {
        live.put(record.domain(), new Slot(record, null));
    }

    /**
     * Takes the record another node stored: a new instance becomes live, a live one gets the
     * record. A domain this node is creating or destroying is left to that operation.
     *
     * @return the slot of the domain, or null when it is busy here
     */
    synchronized @Nullable Slot refresh(InstanceRecord record) {
        String domain = record.domain();
        if (busy.containsKey(domain)) {
            return null;
        }
        Slot slot = live.get(domain);
        if (slot == null) {
            slot = new Slot(record, null);
            live.put(domain, slot);
        } else {
            slot.refresh(record);
        }
        return slot;
    }

    /** Drops an instance another node destroyed; a domain busy here is left to its operation. */
    synchronized void forget(String domain) {
        if (!busy.containsKey(domain)) {
            Slot slot = live.remove(domain);
            if (slot != null) {
                slot.retire();
            }
        }
    }

    /** The live domains, for a full reload. */
    synchronized java.util.Set<String> domains() {
        return java.util.Set.copyOf(live.keySet());
    }

    /**
     * Reserves a domain for a creation.
     *
     * @throws ApiException 409 when the domain exists or is busy
     */
    synchronized void reserve(String domain) {
        Phase phase = busy.get(domain);
        if (live.containsKey(domain) || phase == Phase.CREATING) {
            throw ApiException.conflict("Instance already exists");
        }
        if (phase == Phase.DESTROYING) {
            throw ApiException.conflict("Instance is being destroyed");
        }
        busy.put(domain, Phase.CREATING);
    }

    /** Whether a domain is reserved by a creation in progress. */
    synchronized boolean isCreating(String domain) {
        return busy.get(domain) == Phase.CREATING;
    }

    /** Makes a created instance visible and ends its reservation. */
    synchronized void publish(Slot slot) {
        String domain = slot.record().domain();
        busy.remove(domain);
        live.put(domain, slot);
    }

    /**
     * Makes an instance invisible and keeps its domain busy until {@link #release}.
     *
     * @throws ApiException 404 when the domain is not live
     */
    synchronized Slot retire(String domain) {
        Slot slot = live.remove(domain);
        if (slot == null) {
            throw ApiException.notFound("Instance not found");
        }
        busy.put(domain, Phase.DESTROYING);
        return slot;
    }

    /** Ends a reservation: a creation that failed, or a destroy that is over. */
    synchronized void release(String domain) {
        busy.remove(domain);
    }
}
