package dev.hearth.realtime.internal;

import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process hub: subscribers per instance, called on the publishing thread. */
@Component
public final class RealtimeHubImpl implements RealtimeHub {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeHubImpl.class);
    private final Map<String, CopyOnWriteArrayList<Consumer<Event>>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(Event event) {
        CopyOnWriteArrayList<Consumer<Event>> list = subscribers.get(event.domain());
        if (list == null) {
            return;
        }
        for (Consumer<Event> s : list) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A realtime subscriber of '{}' failed: {}", event.domain(), e.toString());
            }
        }
    }

    @Override
    public Subscription subscribe(String domain, Consumer<Event> subscriber) {
        subscribers.computeIfAbsent(domain, d -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> subscribers.computeIfPresent(domain, (d, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }
}
