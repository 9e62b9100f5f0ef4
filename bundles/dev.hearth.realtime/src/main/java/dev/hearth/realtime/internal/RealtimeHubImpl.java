package dev.hearth.realtime.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.health.Backend;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.EventRelay;
import dev.hearth.realtime.RealtimeHub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process hub: subscribers per instance, called on the publishing thread in subscription order.
 * A subscriber that throws is logged and skipped; the others still get the event. When an
 * {@link EventRelay} is registered (several nodes), published events also go to it, and the
 * events it brings from the other nodes are delivered here as if published here.
 */
@Component
public final class RealtimeHubImpl implements RealtimeHub, Backend {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeHubImpl.class);

    /**
     * One subscription: the doctypes it follows and where their events go. Compared by identity,
     * so that closing one of two registrations of the same consumer removes its own; {@code local}
     * ones receive only the events published on this node.
     */
    private record Registration(Predicate<String> doctypes, Consumer<Event> subscriber, boolean local) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The subscribers of each instance; a domain's list is removed with its last subscriber. */
    private final Map<String, List<Registration>> subscribers = new ConcurrentHashMap<>();

    private final AtomicReference<@Nullable EventRelay> relay = new AtomicReference<>();

    @Override
    public String role() {
        return "realtime";
    }

    @Override
    public String describe() {
        EventRelay current = relay.get();
        return current == null ? "embedded" : Backend.providedBy(current, RealtimeHubImpl.class);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRelay(EventRelay newRelay) {
        newRelay.deliverTo(event -> deliver(event, true));
        relay.set(newRelay);
    }

    void unbindRelay(EventRelay oldRelay) {
        relay.compareAndSet(oldRelay, null);
        oldRelay.deliverTo(null);
    }

    @Override
    public void publish(Event event) {
        deliver(event, false);
        EventRelay current = relay.get();
        if (current != null) {
            send(current, event);
        }
    }

    @Override
    public void publish(String domain, Event.Verb verb, String doctype, String id, Supplier<ObjectNode> doc) {
        EventRelay current = relay.get();
        if (current != null) {
            Event event = new Event(domain, verb, doctype, id, doc.get());
            deliver(event, false);
            send(current, event);
            return;
        }
        List<Registration> list = subscribers.get(domain);
        if (list == null) {
            return;
        }
        Event event = null;
        for (Registration r : list) {
            if (r.doctypes().test(doctype)) {
                if (event == null) {
                    event = new Event(domain, verb, doctype, id, doc.get());
                }
                deliver(r, event);
            }
        }
    }

    private static void send(EventRelay relay, Event event) {
        try {
            relay.send(event);
        } catch (RuntimeException e) {
            LOG.warn("The realtime relay refused {} {} of '{}'", event.verb(), event.doctype(), event.domain(), e);
        }
    }

    /** Delivers an event to this node's subscribers of its instance. */
    private void deliver(Event event, boolean fromOtherNode) {
        List<Registration> list = subscribers.get(event.domain());
        if (list == null) {
            return;
        }
        for (Registration r : list) {
            if (!(fromOtherNode && r.local()) && r.doctypes().test(event.doctype())) {
                deliver(r, event);
            }
        }
    }

    private static void deliver(Registration r, Event event) {
        try {
            r.subscriber().accept(event);
        } catch (RuntimeException e) {
            LOG.warn("A realtime subscriber of '{}' failed on {} {}", event.domain(), event.verb(), event.doctype(), e);
        }
    }

    @Override
    public Subscription subscribe(String domain, Predicate<String> doctypes, Consumer<Event> subscriber) {
        return register(domain, new Registration(doctypes, subscriber, false));
    }

    @Override
    public Subscription subscribeLocal(String domain, Predicate<String> doctypes, Consumer<Event> subscriber) {
        return register(domain, new Registration(doctypes, subscriber, true));
    }

    private Subscription register(String domain, Registration registration) {
        // Each registration is its own object, so the same consumer may subscribe twice and each
        // close removes exactly its own registration.
        // Adding inside compute: a concurrent close of the domain's last subscriber cannot drop
        // the list this registration is being added to.
        subscribers.compute(domain, (d, list) -> {
            List<Registration> target = list == null ? new CopyOnWriteArrayList<>() : list;
            target.add(registration);
            return target;
        });
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                subscribers.computeIfPresent(domain, (d, list) -> {
                    list.remove(registration);
                    return list.isEmpty() ? null : list;
                });
            }
        };
    }

    /** How many subscribers an instance has (for tests and diagnostics). */
    int subscriberCount(String domain) {
        List<Registration> list = subscribers.get(domain);
        return list == null ? 0 : list.size();
    }
}
