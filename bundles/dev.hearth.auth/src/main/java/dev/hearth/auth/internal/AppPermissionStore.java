package dev.hearth.auth.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.auth.PermissionSet;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps each app's grant as the {@code io.cozy.permissions} document {@code io.cozy.apps/<slug>}
 * (or {@code io.cozy.konnectors/<slug>}), of type {@code app} or {@code konnector} with that
 * source, as cozy-stack has them; share-by-link sets live beside them with type {@code share}.
 */
@Component
public final class AppPermissionStore implements AppPermissions {
    private final DataService data;

    @Activate
    public AppPermissionStore(@Reference DataService data) {
        this.data = data;
    }

    @Override
    public void grant(String domain, Audience audience, String slug, PermissionSet permissions) {
        String id = sourceId(audience, slug);
        Database db = db(domain);
        ObjectNode doc = Docs.get(db, id)
                .orElseGet(() -> Json.mapper().createObjectNode().put("_id", id));
        doc.put("type", audience == Audience.APP ? "app" : "konnector");
        doc.put("source_id", id);
        doc.set("permissions", permissions.toJson());
        doc.put("updated_at", Instant.now().toString());
        if (!doc.has("created_at")) {
            doc.put("created_at", doc.get("updated_at").asText());
        }
        Docs.save(db, doc);
    }

    @Override
    public void revoke(String domain, Audience audience, String slug) {
        Database db = db(domain);
        Docs.get(db, sourceId(audience, slug)).ifPresent(doc -> Docs.delete(db, doc));
    }

    @Override
    public Optional<PermissionSet> of(String domain, Audience audience, String slug) {
        return Docs.get(db(domain), sourceId(audience, slug))
                .map(doc -> PermissionSet.fromJson(doc.path("permissions")));
    }

    /** {@code io.cozy.apps/<slug>} or {@code io.cozy.konnectors/<slug>}, as Cozy names the source. */
    static String sourceId(Audience audience, String slug) {
        if (audience != Audience.APP && audience != Audience.KONNECTOR) {
            throw new IllegalArgumentException("Only apps and konnectors have grants, not " + audience);
        }
        return (audience == Audience.APP ? Doctypes.APPS : Doctypes.KONNECTORS) + "/" + slug;
    }

    private Database db(String domain) {
        return data.database(domain, Doctypes.PERMISSIONS);
    }
}
