package dev.hearth.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A parsed and checked Cozy manifest ({@code manifest.webapp} or {@code manifest.konnector}).
 * Immutable: every value is fixed when the manifest is read, and {@link #raw()} hands out copies.
 *
 * <p>Only the fields Hearth acts on are typed here; everything else (notifications, fields of a
 * konnector, screenshots...) is in {@link #raw()}, as the manifest wrote it.
 */
@ProviderType
public interface AppManifest {

    /** The slug: non-empty, lowercase letters, digits and dashes (Cozy's {@code ^[a-z0-9-]+$}). */
    String slug();

    /** Webapp or konnector, from the manifest's file name (and its {@code type}, when written). */
    AppType type();

    /** The manifest's {@code name}, or the slug when it has none. */
    String name();

    /**
     * The name to show in {@code locale} ({@code fr}, {@code fr-FR}): the {@code name} of the
     * manifest's {@code locales} entry for it (or for its language), else {@link #name()}.
     */
    String name(String locale);

    /** The manifest's {@code version}, as written ({@code 1.2.3}, {@code 1.2.3-beta.1}). */
    String version();

    /** The manifest's {@code editor}, or the empty string. */
    String editor();

    /** The path of the icon inside the app's folder, as written, when the manifest names one. */
    Optional<String> icon();

    /** The permissions the app asks for; rule titles are the manifest's keys. */
    PermissionSet permissions();

    /**
     * The routes, in manifest order; Cozy's default ({@code /} to folder {@code /} with index
     * {@code index.html}, private) when the manifest has none.
     */
    List<Route> routes();

    /** The intents the app offers, in manifest order. */
    List<Intent> intents();

    /** The background services the app declares (recorded, not run here), in manifest order. */
    List<Service> services();

    /** A copy of the whole manifest as read; changing it changes nothing else. */
    ObjectNode raw();

    /**
     * One route: requests under {@code path} are served from {@code folder}.
     *
     * @param path where the route is mounted: starts with {@code /}, no empty, {@code .} or {@code
     *     ..} segment, no trailing slash except for {@code /} itself
     * @param folder the folder inside the app it serves, normalised: {@code /} or {@code /a/b}
     * @param index the file served for the route's own path, relative to {@code folder}, or the
     *     empty string when the route has none
     * @param isPublic whether the route is served without a session (Cozy's {@code public})
     */
    record Route(String path, String folder, String index, boolean isPublic) {}

    /**
     * One intent: the app can handle {@code action} on documents or files of these types.
     *
     * @param action {@code PICK}, {@code OPEN}, {@code CREATE}... (compared ignoring case by Cozy)
     * @param types doctypes or MIME types, possibly {@code image/*}; never empty
     * @param href the path of the app page that handles it, starting with {@code /}
     */
    record Intent(String action, List<String> types, String href) {
        public Intent {
            types = List.copyOf(types);
        }
    }

    /**
     * One background service of a webapp.
     *
     * @param name its key in the manifest
     * @param type its runtime ({@code node}), or the empty string
     * @param file the path of its code inside the app
     * @param trigger the trigger that runs it ({@code @event io.cozy.files}), or the empty string
     *     for a service run on demand
     * @param debounce the debounce duration ({@code 3m}), or the empty string
     */
    record Service(String name, String type, String file, String trigger, String debounce) {}
}
