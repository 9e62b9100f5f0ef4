package dev.hearth.apps.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The registry Hearth keeps in its data directory, which app authors publish to as they publish
 * to cozy-apps-registry ({@code registry-apps.md} 1.4): an editor's token, and a version given by
 * the URL of its tarball and the tarball's SHA-256. Errors are {@link
 * dev.hearth.common.error.StatusException}s with the registry's statuses and messages.
 */
@ProviderType
public interface RegistryPublishing {

    /**
     * {@code GET /registry/<path>} on this registry, the list included.
     *
     * @param baseUrl scheme and host the tarball URLs of versions are given under
     */
    RegistryAnswer get(List<String> path, Map<String, String> query, String baseUrl);

    /**
     * Adds an editor, or gives an existing one a new token (the old one stops working).
     *
     * @return the editor's token, shown once: only its hash is kept
     */
    String addEditor(String name);

    /** The editors' names. */
    List<String> editors();

    /** The editor whose token this is. */
    Optional<String> editorOf(String token);

    /**
     * Creates an app: its slug belongs to {@code editor} from now on.
     *
     * @return the app
     */
    ObjectNode createApp(String slug, String type, String editor);

    /**
     * Puts an app in maintenance ({@code options}: {@code flag_infra_maintenance}, {@code
     * flag_short_maintenance}, {@code flag_disallow_manual_exec}, {@code messages}), or takes it
     * out (null): instances' {@code /registry/maintenance} lists the apps in maintenance.
     *
     * @throws dev.hearth.common.error.StatusException 404 for an unknown app
     */
    void maintenance(String slug, @Nullable ObjectNode options);

    /**
     * Publishes a version of an app: downloads its tarball, checks its SHA-256 and the app in it,
     * and stores both. An app not created yet is created for the editor who publishes it.
     *
     * @param editor the publishing editor, or null for the server's operator, who may also give a
     *     {@code file:} URL, publish for any editor (the body's {@code editor}) and leave the
     *     version out to take the manifest's
     * @param body {@code {"version","url","sha256"}} as cozy-app-publish sends it
     * @return the version, its {@code url} the registry's own tarball route under {@code baseUrl}
     */
    ObjectNode publish(@Nullable String editor, String slug, ObjectNode body, String baseUrl);
}
