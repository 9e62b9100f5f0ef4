package dev.hearth.apps.internal.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.auth.PermissionSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest as {@link ManifestParser} reads it. Every component is immutable or copied, and
 * {@link #raw()} hands out copies, since a Jackson tree can be changed by whoever holds it.
 *
 * @param localeNames the {@code name} of each {@code locales} entry that has one
 */
record ParsedManifest(
        String slug,
        AppType type,
        String name,
        Map<String, String> localeNames,
        String version,
        String editor,
        Optional<String> icon,
        PermissionSet permissions,
        List<Route> routes,
        List<Intent> intents,
        List<Service> services,
        ObjectNode raw)
        implements AppManifest {

    ParsedManifest {
        localeNames = Map.copyOf(localeNames);
        routes = List.copyOf(routes);
        intents = List.copyOf(intents);
        services = List.copyOf(services);
        raw = raw.deepCopy();
    }

    @Override
    public String name(String locale) {
        String exact = localeNames.get(locale);
        if (exact != null) {
            return exact;
        }
        int cut = locale.replace('_', '-').indexOf('-');
        String language = cut > 0 ? localeNames.get(locale.substring(0, cut)) : null;
        return language != null ? language : name;
    }

    @Override
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    @Override
    public String toString() {
        return type.value() + " '" + slug + "' " + version;
    }
}
