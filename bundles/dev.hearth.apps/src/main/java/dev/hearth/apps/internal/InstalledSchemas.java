package dev.hearth.apps.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.internal.schema.JsonSchema;
import dev.hearth.datasystem.DocumentRules;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The JSON Schemas of the apps installed on an instance, as rules on its documents. An app bundle
 * serves every instance, so a schema applies on an instance only while the app is installed there,
 * and only the schema of the version installed; when several installed apps ship a schema for the
 * same doctype, a document must match all of them (each app relies on its own). The schemas are
 * compiled when the bundle is deployed and leave with it.
 */
@Component
public final class InstalledSchemas implements DocumentRules {
    private final AppRuntimeImpl runtime;
    private final AppInstallations installations;

    @Activate
    public InstalledSchemas(@Reference AppRuntimeImpl runtime, @Reference AppInstallations installations) {
        this.runtime = runtime;
        this.installations = installations;
    }

    @Override
    public boolean governs(String domain, String doctype) {
        for (AppCandidate app : runtime.deployedCandidates()) {
            if (app.schemas().containsKey(doctype) && installedOn(domain, app)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> violations(String domain, String doctype, ObjectNode document) {
        List<String> out = new ArrayList<>();
        for (AppCandidate app : runtime.deployedCandidates()) {
            JsonSchema schema = app.schemas().get(doctype);
            if (schema != null && installedOn(domain, app)) {
                String by = "schema of " + app.manifest().type().value() + " '"
                        + app.manifest().slug() + "', ";
                schema.violations(document).forEach(v -> out.add(by + v));
            }
        }
        return out;
    }

    /** Whether the instance has this version of the app installed (checked after the cheap test). */
    private boolean installedOn(String domain, AppCandidate app) {
        AppManifest manifest = app.manifest();
        return installations
                .find(domain, manifest.type(), manifest.slug())
                .filter(i -> i.version().equals(manifest.version()))
                .isPresent();
    }
}
