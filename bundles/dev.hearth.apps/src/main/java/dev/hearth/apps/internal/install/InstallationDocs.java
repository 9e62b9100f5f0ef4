package dev.hearth.apps.internal.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.InstallState;
import dev.hearth.apps.Installation;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
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
        return (type == AppType.WEBAPP ? "io.cozy.apps/" : "io.cozy.konnectors/") + slug;
    }

    /** A new installation's document. */
    static ObjectNode create(AppManifest manifest, String source, InstallState state, Instant now) {
        ObjectNode doc = manifest.raw();
        doc.put("_id", id(manifest.type(), manifest.slug()));
        doc.put("slug", manifest.slug());
        doc.put("type", manifest.type().value());
        doc.put("state", state.value());
        doc.put("source", source);
        doc.put("version", manifest.version());
        doc.put("created_at", now.toString());
        doc.put("updated_at", now.toString());
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

    private static Installation of(AppType type, ObjectNode doc) {
        JsonNode slug = doc.path("slug");
        return new Installation(
                slug.asText(),
                type,
                InstallState.of(doc.path("state").asText()),
                doc.path("version").asText(),
                doc.deepCopy());
    }
}
