package dev.hearth.auth.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.OAuthServer;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Sessions;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code /auth/authorize}: the consent page and its answer. Nothing redirects to the client
 * before its {@code redirect_uri} is known to be one it registered; a browser without a session
 * is sent to the login form first and comes back here.
 */
final class Authorize {
    static final String STATE_MANDATORY = "The state parameter is mandatory";
    static final String BAD_REDIRECT = "The redirect_uri parameter doesn't match the registered ones";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** The parameters of an authorization, checked. */
    record Request(
            ObjectNode client,
            String clientId,
            String redirectUri,
            String state,
            String scope,
            PermissionSet permissions,
            @Nullable String codeChallenge) {}

    private final InstanceService instances;
    private final Sessions sessions;
    private final OAuthClients clients;
    private final OAuthServer server;

    Authorize(InstanceService instances, Sessions sessions, OAuthClients clients, OAuthServer server) {
        this.instances = instances;
        this.sessions = sessions;
        this.clients = clients;
        this.server = server;
    }

    void page(Call call) throws IOException {
        Request request = parse(call);
        Browser browser = new Browser(call, instances, sessions);
        if (call.context().session().isEmpty()) {
            String self = browser.origin() + "/auth/authorize?" + call.request().getQueryString();
            call.seeOther(browser.origin() + "/auth/login?redirect=" + URLEncoder.encode(self, StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put("domain", call.context().domain());
        values.put("clientName", request.client().path("client_name").asText());
        values.put("clientUri", request.client().path("client_uri").asText(""));
        values.put("permissionsHtml", ScopeWords.listItems(request.permissions()));
        values.put("csrf", Csrf.issue(call.request(), call.response()));
        values.put("clientId", request.clientId());
        values.put("redirectUri", request.redirectUri());
        values.put("state", request.state());
        values.put("scope", request.scope());
        values.put("codeChallenge", request.codeChallenge() == null ? "" : request.codeChallenge());
        values.put("codeChallengeMethod", request.codeChallenge() == null ? "" : "S256");
        Pages.render(call.response(), 200, "authorize", values, origin(request.redirectUri()));
    }

    void grant(Call call) {
        Csrf.check(call.request());
        Request request = parse(call);
        if (call.context().session().isEmpty()) {
            throw StatusException.unauthorized("Not logged in");
        }
        String code = server.issueCode(
                call.context().domain(),
                new OAuthServer.Grant(
                        request.clientId(), request.scope(), request.redirectUri(), request.codeChallenge()));
        String uri = request.redirectUri();
        String location = uri + (uri.contains("?") ? "&" : "?") + "access_code=" + encode(code)
                + "&code=" + encode(code)
                + "&state=" + encode(request.state()) + "#";
        call.response().setStatus(302);
        call.response().setHeader("Location", location);
        call.response().setContentLength(0);
    }

    private Request parse(Call call) {
        HttpServletRequest req = call.request();
        String clientId = req.getParameter("client_id");
        String domain = call.context().domain();
        ObjectNode client =
                clientId == null ? null : clients.find(domain, clientId).orElse(null);
        if (client == null) {
            throw StatusException.badRequest(OAuthClients.NOT_REGISTERED);
        }
        String redirectUri = req.getParameter("redirect_uri");
        if (redirectUri == null || !registered(client, redirectUri)) {
            throw StatusException.badRequest(BAD_REDIRECT);
        }
        String state = req.getParameter("state");
        if (state == null || state.isEmpty()) {
            throw StatusException.badRequest(STATE_MANDATORY);
        }
        if (!"code".equals(req.getParameter("response_type"))) {
            throw StatusException.badRequest("Invalid response type");
        }
        String scope = req.getParameter("scope");
        PermissionSet permissions = scope(scope);
        return new Request(client, clientId, redirectUri, state, scope.trim(), permissions, challenge(req));
    }

    /** The scope of a request, parsed, or 400. */
    private static PermissionSet scope(@Nullable String scope) {
        try {
            return PermissionSet.parseScope(scope == null ? "" : scope.trim());
        } catch (RuntimeException e) {
            throw StatusException.badRequest("Invalid scope");
        }
    }

    private static @Nullable String challenge(HttpServletRequest req) {
        String challenge = req.getParameter("code_challenge");
        String method = req.getParameter("code_challenge_method");
        if (challenge == null || challenge.isEmpty()) {
            return null;
        }
        if (!"S256".equals(method)) {
            throw StatusException.badRequest("Only the S256 code challenge method is supported");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw StatusException.badRequest("Invalid code challenge");
        }
        return challenge;
    }

    private static boolean registered(ObjectNode client, String redirectUri) {
        for (JsonNode uri : client.path("redirect_uris")) {
            if (uri.asText().equals(redirectUri)) {
                return true;
            }
        }
        return false;
    }

    /** The origin a redirect URI points to, as a CSP source; empty for custom schemes. */
    private static String origin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return "";
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
