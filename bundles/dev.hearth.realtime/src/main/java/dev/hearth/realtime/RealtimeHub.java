package dev.hearth.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
     * Publishes an event whose document is made only if someone takes it: a write of a doctype no
     * subscriber of the instance follows builds no document (unless a relay carries events to
     * other nodes, which may have subscribers of their own).
     *
     * @param doc makes the document; called at most once, on the publishing thread
     * @since 1.1
     */
    void publish(String domain, Event.Verb verb, String doctype, String id, Supplier<ObjectNode> doc);

    /**
     * Registers a subscriber for the events of one instance, wherever they were published (this
     * node, or another node of a cluster through an {@link EventRelay}); close the subscription to
     * stop. For what clients see, such as the realtime websocket.
     */
    default Subscription subscribe(String domain, Consumer<Event> subscriber) {
        return subscribe(domain, doctype -> true, subscriber);
    }

    /**
     * As {@link #subscribe(String, Consumer)}, for the events whose doctype {@code doctypes}
     * accepts (tested on the publishing thread, so it must be cheap and not block).
     *
     * @since 1.1
     */
    Subscription subscribe(String domain, Predicate<String> doctypes, Consumer<Event> subscriber);

    /**
     * Registers a subscriber for the events of one instance published on this node only. For work
     * the server does in reaction to a write (event triggers, clean-ups): each write is published on
     * exactly one node, so in a cluster that work is done once, on the node that took the write.
     * On a single node it is the same as {@link #subscribe(String, Consumer)}.
     *
     * @since 1.1
     */
    default Subscription subscribeLocal(String domain, Consumer<Event> subscriber) {
        return subscribeLocal(domain, doctype -> true, subscriber);
    }

    /**
     * As {@link #subscribeLocal(String, Consumer)}, for the events whose doctype {@code doctypes}
     * accepts.
     *
     * @since 1.1
     */
    Subscription subscribeLocal(String domain, Predicate<String> doctypes, Consumer<Event> subscriber);

    /** A registration, ended by {@link #close()}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
