package dev.hearth.apps.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppManifest.Intent;
import dev.hearth.apps.AppManifest.Route;
import dev.hearth.apps.AppManifest.Service;
import dev.hearth.apps.internal.AppPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The manifest sections that hold several entries: {@code routes}, {@code intents} and {@code
 * services}. Paths are checked here, once, so that nothing read later can point outside the app.
 */
final class Sections {
    /** Cozy's routes when a manifest has none. */
    static final Route DEFAULT_ROUTE = new Route("/", "/", "index.html", false);

    private Sections() {}

    /** The routes; the default route when the section is absent (an empty object means none). */
    static List<Route> routes(@Nullable JsonNode section) throws ManifestException {
        if (section == null) {
            return List.of(DEFAULT_ROUTE);
        }
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = Fields.members(Fields.object(section, "routes"));
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            Route route = route(member.getKey(), member.getValue());
            if (!seen.add(route.path())) {
                throw ManifestException.invalid("routes." + member.getKey(), "repeats the route " + route.path());
            }
            routes.add(route);
        }
        return routes;
    }

    private static Route route(String key, JsonNode node) throws ManifestException {
        String at = "routes." + key;
        String path = canonicalRoutePath(key)
                .orElseThrow(() -> ManifestException.invalid(
                        at, "must be a path starting with / without empty, . or .. segments"));
        ObjectNode definition = Fields.object(node, at);
        String folder = AppPaths.normalize(Fields.text(definition, "folder", at + ".folder", "/"))
                .orElseThrow(() -> ManifestException.invalid(at + ".folder", "must be a folder inside the app"));
        String index = Fields.text(definition, "index", at + ".index", "");
        if (!index.isEmpty()) {
            index = AppPaths.normalize(index)
                    .filter(p -> !p.isEmpty())
                    .orElseThrow(() -> ManifestException.invalid(at + ".index", "must be a file inside the folder"));
        }
        boolean isPublic = Fields.bool(definition, "public", at + ".public", false);
        return new Route(path, "/" + folder, index, isPublic);
    }

    /** {@code /a/b} for {@code /a/b} or {@code /a/b/}; empty for anything that is not that plain. */
    private static Optional<String> canonicalRoutePath(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return AppPaths.normalize(trimmed).map(p -> "/" + p).filter(p -> p.equals(trimmed));
    }

    /** The intents; none when the section is absent. */
    static List<Intent> intents(@Nullable JsonNode section) throws ManifestException {
        if (section == null) {
            return List.of();
        }
        if (!section.isArray()) {
            throw ManifestException.invalid("intents", "must be an array");
        }
        List<Intent> intents = new ArrayList<>();
        for (int i = 0; i < section.size(); i++) {
            String at = "intents[" + i + "]";
            ObjectNode intent = Fields.object(section.get(i), at);
            String action = Fields.requiredText(intent, "action", at + ".action");
            List<String> types = intentTypes(Fields.get(intent, "type"), at + ".type");
            String href = Fields.requiredText(intent, "href", at + ".href");
            if (!href.startsWith("/")) {
                throw ManifestException.invalid(at + ".href", "must be a path starting with /");
            }
            intents.add(new Intent(action, types, href));
        }
        return intents;
    }

    private static List<String> intentTypes(@Nullable JsonNode node, String at) throws ManifestException {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ManifestException.invalid(at, "must be a non-empty array of doctypes or media types");
        }
        List<String> types = new ArrayList<>();
        for (JsonNode type : node) {
            if (!type.isTextual() || type.asText().isEmpty()) {
                throw ManifestException.invalid(at, "must hold non-empty strings only");
            }
            types.add(type.asText());
        }
        return types;
    }

    /** The services; none when the section is absent. */
    static List<Service> services(@Nullable JsonNode section) throws ManifestException {
        if (section == null) {
            return List.of();
        }
        List<Service> services = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = Fields.members(Fields.object(section, "services"));
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String at = "services." + member.getKey();
            ObjectNode service = Fields.object(member.getValue(), at);
            services.add(new Service(
                    member.getKey(),
                    Fields.text(service, "type", at + ".type", ""),
                    Fields.requiredText(service, "file", at + ".file"),
                    Fields.text(service, "trigger", at + ".trigger", ""),
                    Fields.text(service, "debounce", at + ".debounce", "")));
        }
        return services;
    }
}
