package dev.hearth.apps.internal.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The documents of installed apps, as cozy-stack writes them: the manifest, under the id {@code
 * io.cozy.apps/<slug>} (or {@code io.cozy.konnectors/<slug>}), with the state, source, version,
 * checksum and dates of the installation.
 */
final class InstallationDocs {
    /** More apps than an instance should ever install. */
    private static final int MAX_LISTED = 10_000;

    private InstallationDocs() {}

    static String id(AppType type, String slug) {
        return prefix(type) + slug;
    }

    /** The slug a document id names, if it is an installation's id of this type. */
    static Optional<String> slugOf(AppType type, String id) {
        return id.startsWith(prefix(type))
                ? Optional.of(id.substring(prefix(type).length()))
                : Optional.empty();
    }

    /** The database of the instance that holds the installations of this type. */
    static Database database(DataService data, String domain, AppType type) {
        return data.database(domain, type == AppType.WEBAPP ? Doctypes.APPS : Doctypes.KONNECTORS);
    }

    /**
     * A new installation's document.
     *
     * @param checksum the SHA-256 of the archive, as Cozy keeps it
     */
    static ObjectNode create(AppManifest manifest, String source, String checksum, InstallState state, Instant now) {
        ObjectNode doc = manifest.raw();
        doc.put("_id", id(manifest.type(), manifest.slug()));
        doc.put("slug", manifest.slug());
        doc.put("type", manifest.type().value());
        doc.put("state", state.value());
        doc.put("source", source);
        doc.put("version", manifest.version());
        doc.put("checksum", checksum);
        doc.put("created_at", now.toString());
        doc.put("updated_at", now.toString());
        return doc;
    }

    /**
     * The document of an installation moved to a new version: the new manifest, the same id,
     * revision and creation date, no {@code available_version} any more.
     */
    static ObjectNode updated(
            Installation installed, AppManifest manifest, String source, String checksum, Instant now) {
        ObjectNode doc = create(manifest, source, checksum, InstallState.READY, now);
        doc.put("_rev", installed.rev());
        doc.put("created_at", installed.document().path("created_at").asText(now.toString()));
        return doc;
    }

    /**
     * The document of an installation whose new version waits until its permissions are
     * acknowledged, as Cozy writes it: unchanged but for {@code available_version} and the source
     * to update from.
     */
    static ObjectNode awaiting(Installation installed, String availableVersion, String source) {
        ObjectNode doc = installed.document();
        doc.put("available_version", availableVersion);
        doc.put("source", source);
        return doc;
    }

    static Optional<Installation> find(Database db, AppType type, String slug) {
        try {
            return Optional.of(of(type, Documents.json(db.get(id(type, slug), null, false))));
        } catch (CouchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static List<Installation> all(Database db, AppType type) {
        if (!db.exists()) {
            return List.of();
        }
        ObjectNode query = Json.mapper().createObjectNode();
        query.putObject("selector").putObject("_id").putNull("$gt");
        query.put("limit", MAX_LISTED);
        return db.find(query).docs().stream().map(doc -> of(type, doc)).toList();
    }

    static Installation save(Database db, AppType type, ObjectNode doc) {
        WriteResult saved = db.save(doc);
        if (!saved.isOk()) {
            throw new CouchException(409, "conflict", "Document update conflict.");
        }
        doc.put("_rev", saved.rev());
        return of(type, doc);
    }

    static void delete(Database db, Installation installation) {
        ObjectNode tombstone = Json.mapper().createObjectNode();
        tombstone.put("_id", installation.id());
        tombstone.put("_rev", installation.rev());
        tombstone.put("_deleted", true);
        db.save(tombstone);
    }

    private static String prefix(AppType type) {
        return type == AppType.WEBAPP ? "io.cozy.apps/" : "io.cozy.konnectors/";
    }

    static Installation of(AppType type, ObjectNode doc) {
        JsonNode slug = doc.path("slug");
        return new Installation(
                slug.asText(),
                type,
                InstallState.of(doc.path("state").asText()),
                doc.path("version").asText(),
                doc.deepCopy());
    }
}
