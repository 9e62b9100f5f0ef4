package dev.hearth.realtime.http.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.realtime.Event;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server frames as JSON text. The hub hands one event to every connection of an instance in
 * turn, so the last encoded event is remembered: it is encoded once, not once per connection.
 */
final class Frames {
    /** The last event encoded, and its frame. */
    private record Encoded(Event event, Outbox.Frame frame) {}

    private final AtomicReference<Encoded> last = new AtomicReference<>();

    /** {@code {"event":"CREATED","payload":{"type":…,"id":…,"doc":{…}}}}. */
    Outbox.Frame event(Event event) {
        Encoded known = last.get();
        if (known != null && known.event() == event) {
            return known.frame();
        }
        Outbox.Frame frame = Outbox.Frame.of(Json.string(eventJson(event)));
        last.set(new Encoded(event, frame));
        return frame;
    }

    static ObjectNode eventJson(Event event) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("event", event.verb().name());
        ObjectNode payload = frame.putObject("payload");
        payload.put("type", event.doctype());
        payload.put("id", event.id());
        payload.set("doc", event.doc());
        return frame;
    }

    static Outbox.Frame error(ErrorFrame error) {
        return Outbox.Frame.of(Json.string(error.toJson()));
    }
}
