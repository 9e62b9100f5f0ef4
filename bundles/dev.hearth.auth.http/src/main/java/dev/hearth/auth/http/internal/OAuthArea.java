package dev.hearth.auth.http.internal;

import dev.hearth.auth.Audience;
import dev.hearth.auth.Claims;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.OAuthServer;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The OAuth 2 endpoints: dynamic registration and its management (RFC 7591, 7592), the
 * authorization page and the token endpoint.
 */
@Component
@OnInstanceHosts
public final class OAuthArea implements HttpArea {
    static final String CLIENT_NOT_FOUND = "Client not found";

    private final OAuthClients clients;
    private final OAuthServer server;
    private final TokenService tokens;
    private final Authorize authorize;

    @Activate
    public OAuthArea(
            @Reference InstanceService instances,
            @Reference Sessions sessions,
            @Reference OAuthClients clients,
            @Reference OAuthServer server,
            @Reference TokenService tokens) {
        this.clients = clients;
        this.server = server;
        this.tokens = tokens;
        this.authorize = new Authorize(instances, sessions, clients, server);
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN)
                .header("Cache-Control", "no-store")
                .post("/auth/register", this::register)
                .get("/auth/register/:id", this::describe)
                .put("/auth/register/:id", this::update)
                .delete("/auth/register/:id", this::delete)
                .get("/auth/authorize", authorize::page)
                .post("/auth/authorize", authorize::grant)
                .post("/auth/access_token", this::accessToken);
    }

    private void register(Call call) throws IOException {
        call.json(201, clients.register(call.context().domain(), call.jsonBody()));
    }

    private void describe(Call call) throws IOException {
        call.json(200, clients.describe(call.context().domain(), managedClient(call)));
    }

    private void update(Call call) throws IOException {
        call.json(200, clients.update(call.context().domain(), managedClient(call), call.jsonBody()));
    }

    private void delete(Call call) {
        clients.delete(call.context().domain(), managedClient(call));
        call.noContent();
    }

    /** The client of a management request, whose registration token must be the caller's. */
    private String managedClient(Call call) {
        String id = call.param("id");
        String domain = call.context().domain();
        String token = call.token();
        if (token == null) {
            throw StatusException.unauthorized(RequestContext.NO_TOKEN);
        }
        Claims claims = tokens.verify(domain, token);
        if (!clients.exists(domain, id)) {
            throw StatusException.notFound(CLIENT_NOT_FOUND);
        }
        if (claims.audience() != Audience.REGISTRATION || !claims.subject().equals(id)) {
            throw StatusException.forbidden("Forbidden");
        }
        return id;
    }

    private void accessToken(Call call) throws IOException {
        HttpServletRequest req = call.request();
        String domain = call.context().domain();
        String grant = req.getParameter("grant_type");
        Map<String, Object> answer = switch (grant == null ? "" : grant) {
            case "authorization_code" ->
                server.exchangeCode(
                        domain,
                        req.getParameter("client_id"),
                        req.getParameter("client_secret"),
                        req.getParameter("code"),
                        req.getParameter("redirect_uri"),
                        req.getParameter("code_verifier"));
            case "refresh_token" ->
                server.refresh(
                        domain,
                        req.getParameter("client_id"),
                        req.getParameter("client_secret"),
                        req.getParameter("refresh_token"));
            default -> throw StatusException.badRequest("invalid grant type");
        };
        call.json(200, answer);
    }
}
