package dev.hearth.realtime;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Carries events between the hubs of several nodes serving the same instances. The hub hands the
 * relay every event published on its node, after delivering it there, and gives it the way to
 * deliver what the other nodes published to this node's subscribers only, so that no event comes
 * back to the node it started from. Without a relay the hub serves its own node alone.
 */
@ConsumerType
public interface EventRelay {

    /** An event published on this node, for the other nodes; must not block. */
    void send(Event event);

    /**
     * Where the events of the other nodes go from now on: this node's subscribers; {@code null}
     * when the hub lets go of the relay (the relay then drops what it receives).
     */
    void deliverTo(@Nullable Consumer<Event> local);
}
