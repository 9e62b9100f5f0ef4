package dev.hearth.realtime;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The event hub. Writers publish; subscribers of an instance receive its events in publication
 * order. Publishing never blocks on subscribers: a subscriber must not block in its callback (it
 * hands events to its own bounded buffer).
 */
@ProviderType
public interface RealtimeHub {

    /** Delivers the event to every current subscriber of its instance. */
    void publish(Event event);

    /**
     * Registers a subscriber for the events of one instance, wherever they were published (this
     * node, or another node of a cluster through an {@link EventRelay}); close the subscription to
     * stop. For what clients see, such as the realtime websocket.
     */
    Subscription subscribe(String domain, Consumer<Event> subscriber);

    /**
     * Registers a subscriber for the events of one instance published on this node only. For work
     * the server does in reaction to a write (event triggers, clean-ups): each write is published on
     * exactly one node, so in a cluster that work is done once, on the node that took the write.
     * On a single node it is the same as {@link #subscribe}.
     */
    Subscription subscribeLocal(String domain, Consumer<Event> subscriber);

    /** A registration, ended by {@link #close()}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
