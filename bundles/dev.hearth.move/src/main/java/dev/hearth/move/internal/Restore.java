package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.InstanceSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The last steps of an import, after the documents: the documents the new instance already had
 * (its root and trash directories) take the archive's revisions, the apps and konnectors are
 * installed again from the source they were installed from, and the settings are set.
 */
final class Restore {

    /** A document of the archive whose id the instance already had. */
    record Merge(String doctype, ObjectNode doc) {}

    /** What the importer set aside for these steps. */
    static final class Collected {
        @Nullable
        ObjectNode settings;

        final List<Merge> merges = new ArrayList<>();
        final List<ObjectNode> apps = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
    }

    private final DataService data;
    private final AppInstallations apps;
    private final InstanceService instances;

    Restore(DataService data, AppInstallations apps, InstanceService instances) {
        this.data = data;
        this.apps = apps;
        this.instances = instances;
    }

    /**
     * Gives each merged document the archive's leaves, then deletes the leaves the instance had on
     * its own, so that the archive's winner wins (the tree keeps them as deleted branches).
     */
    long merge(String domain, List<Merge> merges) throws IOException {
        Set<String> seen = new HashSet<>();
        long written = 0;
        for (Merge m : merges) {
            Database db = data.database(domain, m.doctype());
            String id = m.doc().path("_id").asText();
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode docs = body.putArray("docs");
            docs.add(m.doc());
            body.put("new_edits", false);
            List<WriteResult> failures = db.bulkDocs(body);
            if (!failures.isEmpty()) {
                throw Refusals.failed(m.doctype() + "/" + id + " was refused: "
                        + failures.get(0).reason());
            }
            written++;
            seen.add(m.doctype() + "\u0000" + id + "\u0000"
                    + m.doc().path("_rev").asText());
        }
        for (Merge m : merges) {
            Database db = data.database(domain, m.doctype());
            String id = m.doc().path("_id").asText();
            for (ObjectNode leaf : Leaves.of(db, id)) {
                String rev = leaf.path("_rev").asText();
                if (!leaf.path("_deleted").asBoolean(false)
                        && !seen.contains(m.doctype() + "\u0000" + id + "\u0000" + rev)) {
                    ObjectNode tombstone = Json.mapper().createObjectNode();
                    db.save(tombstone.put("_id", id).put("_rev", rev).put("_deleted", true));
                }
            }
        }
        return written;
    }

    /**
     * Installs again each app of the archive from its {@code source}; 422 (and the import undone)
     * when one cannot be. Answers the installed ones, and fills {@code installed} as it goes so
     * that an undo can remove them.
     */
    List<String> reinstall(String domain, List<ObjectNode> docs, List<String> installed) {
        for (ObjectNode doc : docs) {
            String id = doc.path("_id").asText();
            int slash = id.indexOf('/');
            AppType type = id.startsWith(Layout.KONNECTORS + "/") ? AppType.KONNECTOR : AppType.WEBAPP;
            String slug = doc.path("slug").asText(slash > 0 ? id.substring(slash + 1) : id);
            String source = doc.path("source").asText("");
            if (source.isEmpty()) {
                source = "registry://" + slug + "/stable/" + doc.path("version").asText("");
            }
            try {
                apps.install(domain, type, slug, source);
            } catch (ApiException e) {
                throw Refusals.failed("the " + type.value() + " " + slug + " cannot be installed again from " + source
                        + ": " + e.detail());
            }
            installed.add(type.value() + "/" + slug);
        }
        return List.copyOf(installed);
    }

    /** Removes what {@link #reinstall} installed. */
    void uninstall(String domain, List<String> installed) {
        for (String app : installed) {
            int slash = app.indexOf('/');
            AppType type = AppType.ofValue(app.substring(0, slash)).orElse(AppType.WEBAPP);
            try {
                apps.uninstall(domain, type, app.substring(slash + 1));
            } catch (RuntimeException e) {
                // the journal's undo goes on; the app may not have been installed after all
            }
        }
    }

    /** Sets the archive's settings; answers the ones replaced, for an undo. */
    @Nullable
    ObjectNode settings(String domain, @Nullable ObjectNode settings) {
        if (settings == null) {
            return null;
        }
        InstanceSettings current = instances.settings(domain);
        instances.updateSettings(domain, current.rev(), settings);
        return current.attributes();
    }

    void resetSettings(String domain, @Nullable ObjectNode previous) {
        if (previous != null) {
            instances.updateSettings(domain, instances.settings(domain).rev(), previous);
        }
    }
}
