package dev.hearth.realtime.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.json.Json;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A client frame of the {@code io.cozy.websocket} protocol: {@code {"method":…,"payload":…}}, and
 * the reading of its payload for each method. Malformed frames become {@link CommandException}s.
 *
 * @param method the method, upper-cased ({@code AUTH}, {@code SUBSCRIBE}, {@code UNSUBSCRIBE})
 * @param payload the payload, or null when absent
 * @param source the whole frame, echoed in error frames
 */
record Command(String method, @Nullable JsonNode payload, JsonNode source) {
    static final String AUTH = "AUTH";
    static final String SUBSCRIBE = "SUBSCRIBE";
    static final String UNSUBSCRIBE = "UNSUBSCRIBE";

    /** Parses a text frame; a frame that is not a JSON object with a method is a 400. */
    static Command parse(String text) {
        JsonNode frame;
        try {
            frame = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandException(ErrorFrame.badRequest("The frame is not valid JSON", TextNode.valueOf(text)));
        }
        if (frame == null || frame.isMissingNode()) {
            throw new CommandException(ErrorFrame.badRequest("The frame is empty", TextNode.valueOf(text)));
        }
        if (!frame.isObject()) {
            throw new CommandException(ErrorFrame.badRequest("The frame is not a JSON object", frame));
        }
        JsonNode method = frame.get("method");
        if (method == null || !method.isTextual() || method.asText().isBlank()) {
            throw new CommandException(ErrorFrame.badRequest("The frame has no method", frame));
        }
        JsonNode payload = frame.get("payload");
        return new Command(
                method.asText().toUpperCase(Locale.ROOT), payload == null || payload.isNull() ? null : payload, frame);
    }

    /** The token of an AUTH frame: its payload, a non-empty string; else a 401. */
    String token() {
        if (payload == null || !payload.isTextual() || payload.asText().isBlank()) {
            throw new CommandException(ErrorFrame.unauthorized("AUTH needs a token as its payload", source));
        }
        return payload.asText();
    }

    /** The target of a SUBSCRIBE or UNSUBSCRIBE frame; a missing or invalid type or id is a 400. */
    Target target() {
        JsonNode type = payload == null ? null : payload.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw new CommandException(ErrorFrame.badRequest("The type parameter is mandatory for " + method, source));
        }
        if (!Doctypes.isValid(type.asText())) {
            throw new CommandException(ErrorFrame.badRequest(type.asText() + " is not a valid doctype name", source));
        }
        JsonNode id = payload.get("id");
        if (id == null || id.isNull() || (id.isTextual() && id.asText().isEmpty())) {
            return new Target(type.asText(), null);
        }
        if (!id.isTextual()) {
            throw new CommandException(ErrorFrame.badRequest("The id parameter must be a string", source));
        }
        return new Target(type.asText(), id.asText());
    }
}
