package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.internal.schedule.EventSpec;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code @event} triggers: the instances that have some are subscribed to the realtime hub;
 * events are matched on one thread, in their order, and matching triggers fire on virtual
 * threads. The events that wait while the matcher is busy (those of one {@code _bulk_docs}, say)
 * are matched together, and each trigger fires once for all of its matches among them, so that
 * their jobs are created in one write. With a debounce, the first matching event opens a window
 * and the events that match during it are coalesced into the one job fired when it ends.
 *
 * <p>The {@code !=} form compares the selector field with the value this trigger last saw for
 * the document (hub events carry the new document only). A document not seen since the start
 * counts as changed, so the first update after a restart may fire once more than strictly needed;
 * it is never missed.
 */
final class EventTriggers {
    private static final Logger LOG = LoggerFactory.getLogger(EventTriggers.class);
    private static final int MEMORY_PER_TRIGGER = 10_000;

    /** Fires a trigger once for each of {@code events}, in their order. */
    interface Fire {
        void fire(String domain, String triggerId, List<ObjectNode> events, boolean debounced);
    }

    /** The most events of one trigger fired together (their jobs are one commit). */
    static final int MAX_FIRED = 100;

    private record Watch(String id, EventSpec spec, Duration debounce, Map<String, JsonNode> memory) {}

    private static final class Pending {
        ObjectNode last;

        Pending(ObjectNode last) {
            this.last = last;
        }
    }

    private final RealtimeHub hub;
    private final Fire fire;
    private final ScheduledExecutorService timer;
    private final ExecutorService matcher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hearth-jobs-events").daemon().factory());
    private final ExecutorService firing = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Map<String, Watch>> byDomain = new ConcurrentHashMap<>();
    private final Map<String, RealtimeHub.Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Events heard and not yet matched; the matcher drains it while {@code draining}. */
    private final Queue<Event> inbox = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean draining = new AtomicBoolean();

    EventTriggers(RealtimeHub hub, Fire fire, ScheduledExecutorService timer) {
        this.hub = hub;
        this.fire = fire;
        this.timer = timer;
    }

    synchronized void add(String domain, String id, EventSpec spec, Duration debounce) {
        Map<String, JsonNode> memory = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                return size() > MEMORY_PER_TRIGGER;
            }
        });
        byDomain.computeIfAbsent(domain, d -> new ConcurrentHashMap<>()).put(id, new Watch(id, spec, debounce, memory));
        subscriptions.computeIfAbsent(domain, d -> hub.subscribeLocal(d, this::heard));
    }

    synchronized void remove(String domain, String id) {
        Map<String, Watch> watches = byDomain.get(domain);
        if (watches != null) {
            watches.remove(id);
            if (watches.isEmpty()) {
                byDomain.remove(domain);
                RealtimeHub.Subscription s = subscriptions.remove(domain);
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    synchronized void removeDomain(String domain) {
        byDomain.remove(domain);
        RealtimeHub.Subscription s = subscriptions.remove(domain);
        if (s != null) {
            s.close();
        }
    }

    int count() {
        return byDomain.values().stream().mapToInt(Map::size).sum();
    }

    private void heard(Event e) {
        inbox.add(e);
        if (draining.compareAndSet(false, true)) {
            matcher.execute(this::drain);
        }
    }

    /** Matches the waiting events in their order, then fires each matched trigger once for its events. */
    private void drain() {
        while (true) {
            Map<String, Fired> fired = new LinkedHashMap<>();
            for (Event e; (e = inbox.poll()) != null; ) {
                handle(e, fired);
            }
            fired.values().forEach(this::fire);
            draining.set(false);
            if (inbox.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** The events a trigger fires for, gathered by one drain. */
    private record Fired(String domain, String id, List<ObjectNode> events) {}

    private void fire(Fired f) {
        for (int from = 0; from < f.events().size(); from += MAX_FIRED) {
            List<ObjectNode> part = f.events().subList(from, Math.min(f.events().size(), from + MAX_FIRED));
            firing.execute(() -> fire(f.domain(), f.id(), part, false));
        }
    }

    private void fire(String domain, String id, List<ObjectNode> events, boolean debounced) {
        try {
            fire.fire(domain, id, events, debounced);
        } catch (RuntimeException ex) {
            LOG.warn("The @event trigger {} of '{}' could not fire", id, domain, ex);
        }
    }

    private void handle(Event e, Map<String, Fired> fired) {
        Map<String, Watch> watches = byDomain.get(e.domain());
        if (watches == null || e.verb() == Event.Verb.NOTIFIED) {
            return;
        }
        EventSpec.Verb verb = EventSpec.Verb.valueOf(e.verb().name());
        for (Watch w : watches.values()) {
            try {
                if (matches(w, e, verb)) {
                    matched(e.domain(), w, eventJson(e), fired);
                }
            } catch (RuntimeException ex) {
                LOG.warn("The @event trigger {} of '{}' failed on {} {}", w.id(), e.domain(), e.verb(), e.id(), ex);
            }
        }
    }

    private static boolean matches(Watch w, Event e, EventSpec.Verb verb) {
        boolean any = false;
        for (EventSpec.Part part : w.spec().parts()) {
            JsonNode previous = null;
            if (part.changed() && part.doctype().equals(e.doctype())) {
                String key = part.selector() + "\u0000" + e.id();
                JsonNode now = EventSpec.field(e.doc(), part.selector());
                previous = w.memory().get(key);
                if (verb == EventSpec.Verb.DELETED) {
                    w.memory().remove(key);
                } else {
                    w.memory().put(key, now.isMissingNode() ? MissingNode.getInstance() : now.deepCopy());
                }
            }
            any |= EventSpec.matches(part, e.doctype(), verb, e.doc(), previous);
        }
        return any;
    }

    private static ObjectNode eventJson(Event e) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("domain", e.domain())
                .put("verb", e.verb().name())
                .put("type", e.doctype())
                .put("id", e.id());
        event.set("doc", e.doc().deepCopy());
        return event;
    }

    private void matched(String domain, Watch w, ObjectNode event, Map<String, Fired> fired) {
        if (w.debounce().isZero()) {
            fired.computeIfAbsent(domain + "/" + w.id(), k -> new Fired(domain, w.id(), new ArrayList<>()))
                    .events()
                    .add(event);
            return;
        }
        String key = domain + "/" + w.id();
        boolean[] opened = {false};
        pending.compute(key, (k, p) -> {
            if (p == null) {
                opened[0] = true;
                return new Pending(event);
            }
            p.last = event;
            return p;
        });
        if (opened[0]) {
            timer.schedule(() -> flush(domain, w.id()), w.debounce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flush(String domain, String id) {
        @Nullable Pending p = pending.remove(domain + "/" + id);
        if (p != null) {
            Pending done = p;
            firing.execute(() -> fire(domain, id, List.of(done.last), true));
        }
    }

    void stop() {
        subscriptions.values().forEach(RealtimeHub.Subscription::close);
        subscriptions.clear();
        matcher.shutdownNow();
        firing.shutdownNow();
    }
}
