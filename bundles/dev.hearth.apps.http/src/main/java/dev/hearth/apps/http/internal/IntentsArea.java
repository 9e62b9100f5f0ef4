package dev.hearth.apps.http.internal;

import dev.hearth.apps.Intents;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Claims;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /intents} ({@code registry-apps.md} 5.1): an app asks for another app to serve an action
 * ({@code POST}), and a service app reads the intent it was opened for ({@code GET}). Both need an
 * app token: the intent's client, and its readers, are apps. No permission rule is needed beyond
 * that, as in cozy-stack; reading is limited to the intent's services.
 */
@Component
@OnInstanceHosts
public final class IntentsArea implements HttpArea {
    static final String APPS_ONLY = "Only apps can use intents";

    private final Intents intents;

    @Activate
    public IntentsArea(@Reference Intents intents) {
        this.intents = intents;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API).post("/intents", this::create).get("/intents/:id", this::show);
    }

    private void create(Call call) throws IOException {
        String slug = appSlug(call.context().auth());
        Intents.Request request = IntentJson.request(call.jsonBody());
        Intents.Intent created = intents.create(
                call.context().domain(), slug, request, call.request().isSecure());
        call.jsonApi(200, Document.single(IntentJson.resource(created)));
    }

    private void show(Call call) throws IOException {
        String slug = appSlug(call.context().auth());
        Intents.Intent intent = intents.get(
                call.context().domain(), call.param("id"), slug, call.request().isSecure());
        call.jsonApi(200, Document.single(IntentJson.resource(intent)));
    }

    /** The slug of the calling app: app tokens have it as subject. */
    private static String appSlug(AuthContext caller) {
        Claims claims = caller.claims();
        if (claims == null
                || caller.audience() != Audience.APP
                || claims.subject().isEmpty()) {
            throw ApiException.forbidden(APPS_ONLY);
        }
        return claims.subject();
    }
}
