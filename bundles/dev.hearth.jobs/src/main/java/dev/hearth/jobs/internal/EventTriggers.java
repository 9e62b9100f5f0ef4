package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.internal.schedule.EventSpec;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code @event} triggers: the instances that have some are subscribed to the realtime hub;
 * events are matched on one thread, in their order, and matching triggers fire on virtual
 * threads. With a debounce, the first matching event opens a window and the events that match
 * during it are coalesced into the one job fired when it ends.
 *
 * <p>The {@code !=} form compares the selector field with the value this trigger last saw for
 * the document (hub events carry the new document only). A document not seen since the start
 * counts as changed, so the first update after a restart may fire once more than strictly needed;
 * it is never missed.
 */
final class EventTriggers {
    private static final Logger LOG = LoggerFactory.getLogger(EventTriggers.class);
    private static final int MEMORY_PER_TRIGGER = 10_000;

    /** Fires a trigger for an event; {@code coalesced} events were merged into it. */
    interface Fire {
        void fire(String domain, String triggerId, ObjectNode event, boolean debounced, int coalesced);
    }

    private record Watch(String id, EventSpec spec, Duration debounce, Map<String, JsonNode> memory) {}

    private static final class Pending {
        ObjectNode last;
        int count;

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
        subscriptions.computeIfAbsent(domain, d -> hub.subscribeLocal(d, e -> matcher.execute(() -> handle(e))));
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

    private void handle(Event e) {
        Map<String, Watch> watches = byDomain.get(e.domain());
        if (watches == null || e.verb() == Event.Verb.NOTIFIED) {
            return;
        }
        EventSpec.Verb verb = EventSpec.Verb.valueOf(e.verb().name());
        for (Watch w : watches.values()) {
            try {
                if (matches(w, e, verb)) {
                    matched(e.domain(), w, eventJson(e));
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

    private void matched(String domain, Watch w, ObjectNode event) {
        if (w.debounce().isZero()) {
            firing.execute(() -> fire.fire(domain, w.id(), event, false, 1));
            return;
        }
        String key = domain + "/" + w.id();
        boolean[] opened = {false};
        pending.compute(key, (k, p) -> {
            if (p == null) {
                opened[0] = true;
                Pending fresh = new Pending(event);
                fresh.count = 1;
                return fresh;
            }
            p.last = event;
            p.count++;
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
            firing.execute(() -> fire.fire(domain, id, done.last, true, done.count));
        }
    }

    void stop() {
        subscriptions.values().forEach(RealtimeHub.Subscription::close);
        subscriptions.clear();
        matcher.shutdownNow();
        firing.shutdownNow();
    }
}
