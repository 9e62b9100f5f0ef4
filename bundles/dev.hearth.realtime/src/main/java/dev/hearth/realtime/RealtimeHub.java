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
     * Publishes an event whose document is made only if a subscriber takes it: a write of a
     * doctype no subscriber of the instance follows builds no document.
     *
     * @param doc makes the document; called at most once, on the publishing thread
     * @since 1.1
     */
    void publish(String domain, Event.Verb verb, String doctype, String id, Supplier<ObjectNode> doc);

    /** Registers a subscriber for the events of one instance; close the subscription to stop. */
    Subscription subscribe(String domain, Consumer<Event> subscriber);

    /**
     * Registers a subscriber for the events of one instance whose doctype {@code doctypes}
     * accepts (tested on the publishing thread, so it must be cheap and not block).
     *
     * @since 1.1
     */
    Subscription subscribe(String domain, Predicate<String> doctypes, Consumer<Event> subscriber);

    /** A registration, ended by {@link #close()}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
