package dev.hearth.move.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.move.Moves;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.Routes;
import java.io.IOException;

/**
 * The routes of a move between two servers, as Cozy names them ({@code docs/move.md}). On the
 * source: {@code POST /move/request} (a token allowed to export) records a move to a target that
 * accepted its token; {@code GET /move/go?secret=} starts it, only in the user's logged-in
 * browser; {@code POST /move/finalize} and {@code /move/abort} end it, with the move's own
 * secret, which only the target holds. On the target, with a token allowed to import ({@code
 * io.cozy.imports}): {@code POST /move/imports/precheck}, {@code POST /move/importing} (block an
 * empty instance), {@code POST /move/imports} (import from an export link, the move's or any
 * other), {@code POST /move/abort} (unblock); {@code GET /move/importing} says how it goes.
 */
final class MoveFlow {
    static final String IMPORTS = "io.cozy.imports";
    private static final int MAX_BODY = 16 << 10;

    private final Moves moves;

    MoveFlow(Moves moves) {
        this.moves = moves;
    }

    Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .post("/move/request", this::request)
                .get("/move/go", this::go)
                .post("/move/finalize", call -> end(call, true))
                .post("/move/abort", call -> end(call, false))
                .post("/move/imports/precheck", this::precheck)
                .post("/move/imports", this::importFrom)
                .post("/move/importing", this::block)
                .get("/move/importing", this::status);
    }

    private void request(Call call) throws IOException {
        call.context().requireWholeType(Verb.POST, ExportJson.DOCTYPE);
        JsonNode attributes = attributes(call);
        String target = required(call, attributes, "target_url");
        String token = required(call, attributes, "target_token");
        Moves.MoveRequest r = moves.request(call.context().domain(), target, token);
        ObjectNode data = Json.mapper().createObjectNode();
        ObjectNode resource = data.putObject("data").put("type", "io.cozy.moves.requests");
        ObjectNode a = resource.putObject("attributes");
        a.put("target_url", r.target());
        a.put("expires_at", r.expiresAt());
        a.put("confirm_url", base(call) + "/move/go?secret=" + r.secret());
        call.json(201, data);
    }

    private void go(Call call) {
        if (call.context().session().isEmpty()) {
            throw ApiException.unauthorized("A move is confirmed by the logged-in user only");
        }
        String secret = call.query("secret");
        if (secret == null || secret.isEmpty()) {
            throw ApiException.invalidParameter("secret", "It is missing");
        }
        call.seeOther(moves.go(call.context().domain(), base(call), secret));
    }

    private void end(Call call, boolean moved) {
        String domain = call.context().domain();
        String secret = call.token();
        if (moves.isMoveSecret(domain, secret) && secret != null) {
            moves.finish(domain, secret, moved);
        } else if (moved) {
            throw ApiException.forbidden("This is not the secret of a move under way");
        } else {
            call.context().requireWholeType(Verb.POST, IMPORTS);
            moves.unblock(domain);
        }
        call.noContent();
    }

    private void precheck(Call call) {
        call.context().requireWholeType(Verb.POST, IMPORTS);
        moves.precheck(call.context().domain());
        call.noContent();
    }

    private void block(Call call) {
        call.context().requireWholeType(Verb.POST, IMPORTS);
        moves.block(call.context().domain(), call.query("source"));
        call.noContent();
    }

    private void importFrom(Call call) throws IOException {
        call.context().requireWholeType(Verb.POST, IMPORTS);
        JsonNode attributes = attributes(call);
        String url = required(call, attributes, "url");
        JsonNode from = attributes.path("move_from");
        String fromUrl = from.path("url").isTextual() ? from.path("url").asText() : null;
        String fromToken = from.path("token").isTextual() ? from.path("token").asText() : null;
        if ((fromUrl == null) != (fromToken == null)) {
            throw ApiException.invalidAttribute("move_from", "It needs both url and token");
        }
        moves.importFrom(call.context().domain(), url, fromUrl, fromToken);
        call.seeOther(base(call) + "/move/importing");
    }

    private void status(Call call) throws IOException {
        Moves.ImportStatus s = moves.importStatus(call.context().domain());
        ObjectNode data = Json.mapper().createObjectNode();
        ObjectNode resource = data.putObject("data").put("type", "io.cozy.moves.imports");
        resource.put("id", call.context().domain());
        ObjectNode a = resource.putObject("attributes");
        a.put("state", s.state());
        a.put("source", s.source());
        a.put("error", s.error());
        call.json(200, data);
    }

    /** The attributes of a JSON:API body, or the fields of a form. */
    private static JsonNode attributes(Call call) throws IOException {
        String type = call.request().getContentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode form = Json.mapper().createObjectNode();
            call.request().getParameterMap().forEach((k, v) -> form.put(k, v.length > 0 ? v[0] : ""));
            return form;
        }
        if (!call.hasBody()) {
            return Json.mapper().createObjectNode();
        }
        return call.jsonObject(MAX_BODY).path("data").path("attributes");
    }

    private static String required(Call call, JsonNode attributes, String name) {
        JsonNode v = attributes.path(name);
        String text = v.isTextual() ? v.asText() : call.query(name);
        if (text == null || text.isBlank()) {
            throw ApiException.invalidAttribute(name, "It is missing");
        }
        return text;
    }

    private static String base(Call call) {
        return call.request().getScheme() + "://" + call.context().domain();
    }
}
