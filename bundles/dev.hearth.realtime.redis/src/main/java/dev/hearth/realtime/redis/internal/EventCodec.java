package dev.hearth.realtime.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.realtime.Event;
import java.io.IOException;

/**
 * An event on the wire: a JSON object with the node it comes from ({@code node}), its instance,
 * verb, doctype, id and document.
 */
final class EventCodec {
    private EventCodec() {}

    /** An event received from a node. */
    record Received(String node, Event event) {}

    static byte[] encode(String node, Event event) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("node", node);
        out.put("domain", event.domain());
        out.put("verb", event.verb().name());
        out.put("doctype", event.doctype());
        out.put("id", event.id());
        out.set("doc", event.doc());
        return Json.bytes(out);
    }

    /** @throws IOException for a message that is not an event */
    static Received decode(byte[] message) throws IOException {
        JsonNode in = Json.mapper().readTree(message);
        if (!(in instanceof ObjectNode o) || !(o.get("doc") instanceof ObjectNode doc)) {
            throw new IOException("Not an event");
        }
        Event.Verb verb;
        try {
            verb = Event.Verb.valueOf(text(o, "verb"));
        } catch (IllegalArgumentException e) {
            throw new IOException("Unknown verb", e);
        }
        return new Received(
                text(o, "node"), new Event(text(o, "domain"), verb, text(o, "doctype"), text(o, "id"), doc));
    }

    private static String text(ObjectNode o, String field) throws IOException {
        JsonNode value = o.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("No " + field);
        }
        return value.asText();
    }
}
