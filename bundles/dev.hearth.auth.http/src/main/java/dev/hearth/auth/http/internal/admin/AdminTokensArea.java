package dev.hearth.auth.http.internal.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Audience;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.AdminParams;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnAdminEndpoint;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The admin API's credentials of an instance ({@code cozy-api.md} 1.4): tokens of any audience
 * for tools and tests, and OAuth clients registered on the user's behalf.
 */
@Component
@OnAdminEndpoint
public final class AdminTokensArea implements HttpArea {
    private final InstanceService instances;
    private final TokenService tokens;
    private final OAuthClients clients;

    @Activate
    public AdminTokensArea(
            @Reference InstanceService instances, @Reference TokenService tokens, @Reference OAuthClients clients) {
        this.instances = instances;
        this.tokens = tokens;
        this.clients = clients;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .post("/instances/token", this::token)
                .post("/instances/oauth_client", this::oauthClient);
    }

    private void token(Call call) throws IOException {
        AdminParams p = new AdminParams(call);
        Instance instance = instances.get(p.required("Domain"));
        Audience audience = audience(p.required("Audience"));
        String scope = p.string("Scope");
        if (scope != null) {
            PermissionSet.parseScope(scope);
        }
        Instant issuedAt = Instant.now();
        Duration expire = p.duration("Expire");
        if (expire != null && audience.validity() != null) {
            // As Cozy: move iat so that the token expires after the requested duration.
            issuedAt = issuedAt.plus(expire).minus(audience.validity());
        }
        String subject = p.string("Subject");
        if (audience != Audience.CLI && (subject == null || subject.isEmpty())) {
            throw ApiException.invalidParameter("Subject", "Tokens of audience " + audience.code() + " need a Subject");
        }
        if ((audience == Audience.ACCESS || audience == Audience.REFRESH)
                && !clients.exists(instance.domain(), subject)) {
            throw StatusException.badRequest(OAuthClients.NOT_REGISTERED);
        }
        call.text(
                200,
                tokens.mint(
                        instance.domain(),
                        audience,
                        subject == null ? "" : subject,
                        scope == null || audience == Audience.APP || audience == Audience.KONNECTOR ? "" : scope,
                        null,
                        issuedAt));
    }

    private static Audience audience(String name) {
        Audience audience = switch (name) {
            case "cli" -> Audience.CLI;
            case "app", "webapp" -> Audience.APP;
            case "konn", "konnector" -> Audience.KONNECTOR;
            case "access", "access-token" -> Audience.ACCESS;
            case "refresh", "refresh-token" -> Audience.REFRESH;
            default -> null;
        };
        if (audience == null) {
            throw StatusException.badRequest("Unknown audience " + name);
        }
        return audience;
    }

    /** Registers an OAuth client for tools and tests, as {@code POST /auth/register} would. */
    private void oauthClient(Call call) throws IOException {
        AdminParams p = new AdminParams(call);
        Instance instance = instances.get(p.required("Domain"));
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.putArray("redirect_uris").add(p.required("RedirectURI"));
        metadata.put("client_name", p.required("ClientName"));
        metadata.put("software_id", p.required("SoftwareID"));
        call.json(200, clients.register(instance.domain(), metadata));
    }
}
