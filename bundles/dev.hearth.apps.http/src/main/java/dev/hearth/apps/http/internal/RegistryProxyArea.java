package dev.hearth.apps.http.internal;

import dev.hearth.apps.registry.Registries;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.common.error.StatusException;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /registry} on an instance ({@code cozy-api.md} 2.6): the registries of the instance's
 * context, read through the server. As cozy-stack has it, the JSON routes are for web apps (an
 * app token, the store's), and icons and screenshots for the logged-in user (a session), whose
 * browser shows them.
 */
@Component
@OnInstanceHosts
public final class RegistryProxyArea implements HttpArea {
    private static final Set<String> ASSETS = Set.of("icon", "partnership_icon", "screenshots");

    private final Registries registries;

    @Activate
    public RegistryProxyArea(@Reference Registries registries) {
        this.registries = registries;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN).get("/registry", this::list).get("/registry/*path", this::get);
    }

    private void list(Call call) throws IOException {
        RequestContext context = call.context();
        requireApp(context);
        RegistryAnswers.send(
                call, registries.list(context.instance().contextName(), RegistryAnswers.query(call.request())));
    }

    private void get(Call call) throws IOException {
        RequestContext context = call.context();
        List<String> path = RegistryAnswers.path(call);
        if (isAsset(path)) {
            if (context.session().isEmpty()) {
                throw StatusException.forbidden("Forbidden");
            }
        } else {
            requireApp(context);
        }
        RegistryAnswers.send(
                call, registries.get(context.instance().contextName(), path, RegistryAnswers.query(call.request())));
    }

    /** Icons and screenshots: {@code :app/icon}, {@code :app/:version/icon}, {@code :app/:channel/latest/icon}... */
    static boolean isAsset(List<String> path) {
        for (int i = 1; i < path.size() && i <= 3; i++) {
            if (ASSETS.contains(path.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** A web app's token, as cozy-stack asks for the registry's JSON. */
    private static void requireApp(RequestContext context) {
        AuthContext caller = context.auth();
        if (caller.audience() != Audience.APP) {
            throw StatusException.forbidden("Forbidden");
        }
    }
}
