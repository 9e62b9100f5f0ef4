package dev.hearth.apps.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.Intents;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Intents in JSON:API: the request body cozy-interapp sends, and the resource cozy-stack answers,
 * whose {@code client} is the client app's origin (the apps compare it with the origin of their
 * messages) rather than the stored {@code io.cozy.apps/<slug>}.
 */
final class IntentJson {
    static final String BAD_BODY = "The body must be {\"data\":{\"attributes\":{...}}}";

    private IntentJson() {}

    /**
     * Reads {@code {"data":{"type":"io.cozy.intents","attributes":{"action","type","permissions",
     * "data"}}}}: a missing action or type is left empty for the service to refuse (422); a value
     * of the wrong kind is a bad body (400). {@code data} is for the service app, not for the
     * server, and is ignored.
     */
    static Intents.Request request(ObjectNode body) {
        JsonNode data = body.get("data");
        if (!(data instanceof ObjectNode)) {
            throw ApiException.badRequest(BAD_BODY);
        }
        JsonNode attributes = data.path("attributes");
        if (!attributes.isMissingNode() && !attributes.isNull() && !attributes.isObject()) {
            throw ApiException.badRequest(BAD_BODY);
        }
        return new Intents.Request(
                text(attributes, "action"), text(attributes, "type"), strings(attributes, "permissions"));
    }

    static Resource resource(Intents.Intent intent) {
        ObjectNode attributes = Json.mapper().createObjectNode();
        attributes.put("action", intent.action());
        attributes.put("type", intent.type());
        ArrayNode permissions = attributes.putArray("permissions");
        intent.permissions().forEach(permissions::add);
        attributes.put("client", intent.clientOrigin());
        ArrayNode services = attributes.putArray("services");
        intent.services()
                .forEach(s -> services.addObject().put("slug", s.slug()).put("href", s.href()));
        attributes.putNull("availableApps");
        return Resource.withRev(Intents.DOCTYPE, intent.id(), intent.rev(), attributes, "/intents/" + intent.id());
    }

    private static String text(JsonNode attributes, String name) {
        JsonNode value = attributes.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("The attribute " + name + " must be a string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode attributes, String name) {
        JsonNode value = attributes.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        String refused = "The attribute " + name + " must be an array of strings";
        if (!value.isArray()) {
            throw ApiException.badRequest(refused);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : value) {
            if (!v.isTextual()) {
                throw ApiException.badRequest(refused);
            }
            out.add(v.asText());
        }
        return out;
    }
}
