package dev.hearth.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * An app installed on one instance: its {@code io.cozy.apps/<slug>} (or {@code
 * io.cozy.konnectors/<slug>}) document, which holds the app's manifest with the state, version,
 * source and checksum of the installation.
 *
 * @param document the stored document, with {@code _id} and {@code _rev}
 */
public record Installation(String slug, AppType type, InstallState state, String version, ObjectNode document) {

    /** A copy of the stored document, which the caller may change. */
    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    /** The document's id: {@code io.cozy.apps/<slug>} or {@code io.cozy.konnectors/<slug>}. */
    public String id() {
        return document.path("_id").asText();
    }

    public String rev() {
        return document.path("_rev").asText();
    }

    /** Where the app was installed or last updated from: the source an update uses by default. */
    public String source() {
        return document.path("source").asText();
    }

    /** The SHA-256 of the archive the installed version came from, or the empty string. */
    public String checksum() {
        return document.path("checksum").asText();
    }

    /** A newer version waiting for its permissions to be acknowledged ({@code available_version}). */
    public Optional<String> availableVersion() {
        JsonNode available = document.path("available_version");
        return available.isTextual() ? Optional.of(available.asText()) : Optional.empty();
    }
}
