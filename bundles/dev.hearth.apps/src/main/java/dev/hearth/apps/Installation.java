package dev.hearth.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
}
