package dev.hearth.apps.internal.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.json.Json;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import org.jspecify.annotations.Nullable;

/**
 * The states an installation goes through without being written ({@code installing}, {@code
 * upgrading}, {@code errored}), told to the instance's realtime subscribers as cozy-stack tells
 * them ({@code registry-apps.md} 0.6 and 4.4): {@code UPDATED} events of the app's doctype whose
 * document is the app as it stands, with no {@code _rev} since none is stored.
 */
final class InstallEvents {
    private final RealtimeHub hub;

    InstallEvents(RealtimeHub hub) {
        this.hub = hub;
    }

    /** An install starts: the app is only its slug and source yet. */
    void installing(String domain, AppType type, String slug, String source) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", InstallationDocs.id(type, slug));
        doc.put("slug", slug);
        doc.put("source", source);
        publish(domain, type, doc, InstallState.INSTALLING, null);
    }

    /** An update starts from the app as installed. */
    void upgrading(String domain, AppType type, ObjectNode installed) {
        publish(domain, type, installed, InstallState.UPGRADING, null);
    }

    /** The work failed: the app is told errored, with the error; what is stored did not change. */
    void errored(String domain, AppType type, ObjectNode app, String error) {
        publish(domain, type, app, InstallState.ERRORED, error);
    }

    /** The app as it stands again, after work that wrote nothing. */
    void unchanged(String domain, AppType type, ObjectNode installed) {
        String state = installed.path("state").asText();
        publish(domain, type, installed, InstallState.of(state), null);
    }

    private void publish(String domain, AppType type, ObjectNode app, InstallState state, @Nullable String error) {
        ObjectNode doc = app.deepCopy();
        doc.remove("_rev");
        doc.put("state", state.value());
        if (error != null) {
            doc.put("error", error);
        }
        String doctype = type == AppType.WEBAPP ? Doctypes.APPS : Doctypes.KONNECTORS;
        hub.publish(
                new Event(domain, Event.Verb.UPDATED, doctype, doc.path("_id").asText(), doc));
    }
}
