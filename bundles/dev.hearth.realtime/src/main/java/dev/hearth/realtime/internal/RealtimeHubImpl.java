package dev.hearth.realtime.internal;

import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

    /** The subscribers of each instance; a domain's list is removed with its last subscriber. */
    private final Map<String, List<Consumer<Event>>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(Event event) {
        List<Consumer<Event>> list = subscribers.get(event.domain());
        if (list == null) {
            return;
        }
        for (Consumer<Event> s : list) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "A realtime subscriber of '{}' failed on {} {}",
                        event.domain(),
                        event.verb(),
                        event.doctype(),
                        e);
            }
        }
    }

    @Override
    public Subscription subscribe(String domain, Consumer<Event> subscriber) {
        // Each registration is its own object, so the same consumer may subscribe twice and each
        // close removes exactly its own registration.
        Consumer<Event> registration = subscriber::accept;
        // Adding inside compute: a concurrent close of the domain's last subscriber cannot drop
        // the list this registration is being added to.
        subscribers.compute(domain, (d, list) -> {
            List<Consumer<Event>> target = list == null ? new CopyOnWriteArrayList<>() : list;
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
        List<Consumer<Event>> list = subscribers.get(domain);
        return list == null ? 0 : list.size();
    }
}
