package dev.hearth.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.web.MovedInstances;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The answer of an instance blocked by a move, before any area sees the request: 410 once it has
 * moved away (with its new address), 503 while it is exported or filled by an import. The
 * {@code /move/} routes still answer, since they carry the move itself. Other blocking reasons
 * are left to the areas.
 */
final class BlockedGate {
    static final String MOVING = "MOVING";
    static final String IMPORTING = "IMPORTING";
    private static final Set<String> REASONS = Set.of(MovedInstances.MOVED, MOVING, IMPORTING);

    private BlockedGate() {}

    /** Whether the request is answered here rather than by an area. */
    static boolean applies(HttpServletRequest req, Instance instance) {
        String reason = instance.blockingReason();
        if (!instance.blocked() || reason == null || !REASONS.contains(reason)) {
            return false;
        }
        String uri = req.getRequestURI();
        return uri == null || !uri.startsWith("/move/");
    }

    /** Writes the answer of a request that {@link #applies}. */
    static void refuse(HttpServletResponse resp, Instance instance, @Nullable MovedInstances moved) throws IOException {
        String reason = String.valueOf(instance.blockingReason());
        ObjectNode error = Json.mapper().createObjectNode();
        if (reason.equals(MovedInstances.MOVED)) {
            error.put("status", "410").put("title", "Cozy has been moved").put("code", "moved");
            error.put("detail", "The instance has moved to a new address");
            String to = moved == null ? null : moved.movedTo(instance.domain());
            if (to != null) {
                error.putObject("links").put("related", to);
            }
            resp.setStatus(410);
        } else {
            error.put("status", "503").put("title", "Service Unavailable").put("code", reason);
            error.put("detail", "The instance is being moved; try again when the move is done");
            resp.setStatus(503);
            resp.setHeader("Retry-After", "30");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("errors").add(error);
        resp.setContentType("application/vnd.api+json");
        resp.getOutputStream().write(Json.bytes(body));
    }
}
