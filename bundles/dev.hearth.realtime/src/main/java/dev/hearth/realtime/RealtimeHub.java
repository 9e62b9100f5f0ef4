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

    /** Registers a subscriber for the events of one instance; close the subscription to stop. */
    Subscription subscribe(String domain, Consumer<Event> subscriber);

    /** A registration, ended by {@link #close()}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
