package dev.hearth.realtime.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process hub: subscribers per instance, called on the publishing thread in subscription order.
 * A subscriber that throws is logged and skipped; the others still get the event.
 */
@Component
public final class RealtimeHubImpl implements RealtimeHub {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeHubImpl.class);

    /**
     * One registration: the doctypes it follows and where their events go. Compared by
     * identity, so that closing one of two registrations of the same consumer removes its own.
     */
    private static final class Registration {
        final Predicate<String> doctypes;
        final Consumer<Event> subscriber;

        Registration(Predicate<String> doctypes, Consumer<Event> subscriber) {
            this.doctypes = doctypes;
            this.subscriber = subscriber;
        }
    }

    /** The subscribers of each instance; a domain's list is removed with its last subscriber. */
    private final Map<String, List<Registration>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(Event event) {
        List<Registration> list = subscribers.get(event.domain());
        if (list == null) {
            return;
        }
        for (Registration r : list) {
            if (r.doctypes.test(event.doctype())) {
                deliver(r, event);
            }
        }
    }

    @Override
    public void publish(String domain, Event.Verb verb, String doctype, String id, Supplier<ObjectNode> doc) {
        List<Registration> list = subscribers.get(domain);
        if (list == null) {
            return;
        }
        Event event = null;
        for (Registration r : list) {
            if (r.doctypes.test(doctype)) {
                if (event == null) {
                    event = new Event(domain, verb, doctype, id, doc.get());
                }
                deliver(r, event);
            }
        }
    }

    private static void deliver(Registration r, Event event) {
        try {
            r.subscriber.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("A realtime subscriber of '{}' failed on {} {}", event.domain(), event.verb(), event.doctype(), e);
        }
    }

    @Override
    public Subscription subscribe(String domain, Consumer<Event> subscriber) {
        return subscribe(domain, doctype -> true, subscriber);
    }

    @Override
    public Subscription subscribe(String domain, Predicate<String> doctypes, Consumer<Event> subscriber) {
        // Each registration is its own object, so the same consumer may subscribe twice and each
        // close removes exactly its own registration.
        Registration registration = new Registration(doctypes, subscriber);
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
