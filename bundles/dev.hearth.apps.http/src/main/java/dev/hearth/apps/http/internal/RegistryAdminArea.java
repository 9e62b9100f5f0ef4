package dev.hearth.apps.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.registry.RegistryPublishing;
import dev.hearth.common.error.StatusException;
import dev.hearth.web.AdminParams;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnAdminEndpoint;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Hearth's own registry on the admin endpoint, with cozy-apps-registry's routes ({@code
 * registry-apps.md} 1.1 and 1.4), so that its publishing tools work unchanged: {@code POST
 * /registry/:app} publishes a version with an editor's token ({@code Authorization: Token ...}),
 * or with the admin passphrase for the operator; the read routes answer both. The operator adds
 * editors ({@code POST /editors?Name=}) and may create apps ({@code POST /registry}).
 */
@Component
@OnAdminEndpoint
public final class RegistryAdminArea implements HttpArea {
    private static final String TOKEN = "Token ";
    private static final int MAX_TOKEN = 1024;
    private static final int MAX_BODY = 100 << 10;

    private final RegistryPublishing registry;

    @Activate
    public RegistryAdminArea(@Reference RegistryPublishing registry) {
        this.registry = registry;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN)
                .get("/registry", this::list)
                .post("/registry", this::createApp)
                .get("/registry/*path", this::read)
                .post("/registry/:app", this::publish)
                .put("/registry/maintenance/:app/activate", call -> maintenance(call, true))
                .put("/registry/maintenance/:app/deactivate", call -> maintenance(call, false))
                .get("/editors", this::editors)
                .post("/editors", this::addEditor);
    }

    private void list(Call call) throws IOException {
        editor(call);
        RegistryAnswers.send(call, registry.get(List.of(), RegistryAnswers.query(call.request()), baseUrl(call)));
    }

    private void read(Call call) throws IOException {
        editor(call);
        RegistryAnswers.send(
                call, registry.get(RegistryAnswers.path(call), RegistryAnswers.query(call.request()), baseUrl(call)));
    }

    private void createApp(Call call) throws IOException {
        if (editor(call) != null) {
            throw StatusException.unauthorized("Only the operator creates applications");
        }
        ObjectNode body = json(call);
        call.json(
                201,
                registry.createApp(
                        body.path("slug").asText(),
                        body.path("type").asText("webapp"),
                        body.path("editor").asText()));
    }

    private void publish(Call call) throws IOException {
        String editor = editor(call);
        ObjectNode body = json(call);
        call.json(201, registry.publish(editor, call.param("app"), body, baseUrl(call)));
    }

    /** Maintenance is the operator's, as it is the registry's master token's. */
    private void maintenance(Call call, boolean activate) throws IOException {
        if (editor(call) != null) {
            throw StatusException.unauthorized("Only the operator puts applications in maintenance");
        }
        registry.maintenance(call.param("app"), activate ? json(call) : null);
        call.json(200, Map.of("ok", true));
    }

    private void editors(Call call) throws IOException {
        operatorOnly(call);
        call.json(200, registry.editors());
    }

    private void addEditor(Call call) throws IOException {
        operatorOnly(call);
        String name = new AdminParams(call).required("Name");
        call.json(200, Map.of("name", name, "token", registry.addEditor(name)));
    }

    private void operatorOnly(Call call) {
        if (editor(call) != null) {
            throw StatusException.forbidden("Only the operator manages editors");
        }
    }

    /**
     * The editor whose token the request carries, or null for the operator: a request without a
     * {@code Token} went through the admin passphrase.
     *
     * @throws StatusException 401 as the registry answers a bad token
     */
    private @Nullable String editor(Call call) {
        String header = call.header("Authorization");
        if (header == null || !header.startsWith(TOKEN)) {
            return null;
        }
        String token = header.substring(TOKEN.length()).trim();
        if (token.length() > MAX_TOKEN) {
            throw StatusException.unauthorized("Token is too long");
        }
        try {
            Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw StatusException.unauthorized("Token is not properly base64 encoded");
        }
        return registry.editorOf(token).orElseThrow(() -> StatusException.unauthorized("Token could not be verified"));
    }

    private static ObjectNode json(Call call) throws IOException {
        String type = call.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw new StatusException(415, "Content-Type should be application/json");
        }
        return call.jsonObject(MAX_BODY);
    }

    /** Scheme and host the client reached the registry at, for the tarball URLs of versions. */
    private static String baseUrl(Call call) {
        String host = call.header("Host");
        return call.request().getScheme() + "://"
                + (host == null ? call.request().getServerName() : host);
    }
}
