package dev.hearth.realtime.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the server reports on a realtime socket: {@code {"event":"error","payload":{"status":
 * "403 Forbidden","code":"forbidden","title":…,"source":<the client's frame>}}}.
 *
 * @param status the HTTP-like status, such as {@code 403 Forbidden}
 * @param code the machine-readable code, such as {@code forbidden}
 * @param title what went wrong, for people
 * @param source the client frame at fault (as JSON, or as a string when it was not JSON)
 */
record ErrorFrame(String status, String code, String title, JsonNode source) {

    static ErrorFrame badRequest(String title, JsonNode source) {
        return new ErrorFrame("400 Bad Request", "bad request", title, source);
    }

    static ErrorFrame unauthorized(String title, JsonNode source) {
        return new ErrorFrame("401 Unauthorized", "unauthorized", title, source);
    }

    static ErrorFrame forbidden(String title, JsonNode source) {
        return new ErrorFrame("403 Forbidden", "forbidden", title, source);
    }

    static ErrorFrame methodNotAllowed(String method, JsonNode source) {
        return new ErrorFrame(
                "405 Method Not Allowed",
                "method not allowed",
                "The " + method + " method is not supported: use AUTH, SUBSCRIBE or UNSUBSCRIBE",
                source);
    }

    /** The frame as JSON. */
    ObjectNode toJson() {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("event", "error");
        ObjectNode payload = frame.putObject("payload");
        payload.put("status", status);
        payload.put("code", code);
        payload.put("title", title);
        payload.set("source", source);
        return frame;
    }
}
