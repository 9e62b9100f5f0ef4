package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.internal.ContentTypes;
import dev.hearth.apps.internal.registry.RegistryVersions.Channel;
import dev.hearth.apps.registry.RegistryAnswer;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The read routes of cozy-apps-registry ({@code registry-apps.md} 1.1) over a {@link
 * FolderRegistry}: the answers, statuses and cache headers the registry gives.
 */
final class LocalRoutes {
    static final String APP_NOT_FOUND = "Application was not found";
    static final String VERSION_NOT_FOUND = "Version was not found";
    static final String BAD_CHANNEL = "Invalid version channel: should be \"stable\", \"beta\" or \"dev\"";
    private static final String SHORT = "max-age=300";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final Set<String> ASSET_NAMES = Set.of("icon", "partnership_icon", "screenshots");

    private final FolderRegistry registry;
    private final @Nullable String baseUrl;

    /**
     * @param baseUrl scheme and host under which tarball URLs are given, or null to give paths
     */
    LocalRoutes(FolderRegistry registry, @Nullable String baseUrl) {
        this.registry = registry;
        this.baseUrl = baseUrl;
    }

    RegistryAnswer get(List<String> path, Map<String, String> query) {
        if (path.isEmpty()) {
            return list(query);
        }
        String slug = path.get(0);
        if (path.size() == 1) {
            return slug.equals("maintenance") ? maintenance() : app(slug, query);
        }
        String second = path.get(1);
        if (ASSET_NAMES.contains(second)) {
            return latestAsset(slug, path.subList(1, path.size()));
        }
        if (path.size() == 2) {
            return second.equals("versions")
                    ? channel(query.get("versionsChannel"))
                            .map(c -> RegistryAnswer.json(200, Json.bytes(registry.versions(slug, c)), SHORT))
                            .orElseGet(() -> RegistryAnswer.error(400, BAD_CHANNEL))
                    : version(registry.version(slug, stripV(second)), "max-age=31536000");
        }
        if (path.get(2).equals("latest")) {
            Optional<Channel> channel = Channel.of(second);
            if (channel.isEmpty()) {
                return RegistryAnswer.error(400, BAD_CHANNEL);
            }
            Optional<ObjectNode> latest = registry.latest(slug, channel.get());
            return path.size() == 3
                    ? version(latest, SHORT)
                    : asset(slug, latest.map(v -> v.path("version").asText()), path.subList(3, path.size()));
        }
        if (path.get(2).equals("tarball") && path.size() == 4) {
            return registry.tarball(slug, stripV(second))
                    .map(file -> new RegistryAnswer(200, "application/gzip", new byte[0], file, "max-age=31536000"))
                    .orElseGet(() -> RegistryAnswer.error(404, VERSION_NOT_FOUND));
        }
        return asset(slug, Optional.of(stripV(second)), path.subList(2, path.size()));
    }

    private RegistryAnswer app(String slug, Map<String, String> query) {
        Optional<Channel> channel = channel(query.get("versionsChannel"));
        if (channel.isEmpty()) {
            return RegistryAnswer.error(400, BAD_CHANNEL);
        }
        return registry.app(slug, channel.get())
                .map(app -> {
                    if (app.get("latest_version") instanceof ObjectNode latest) {
                        withUrl(latest);
                    }
                    return RegistryAnswer.json(200, Json.bytes(app), SHORT);
                })
                .orElseGet(() -> RegistryAnswer.error(404, APP_NOT_FOUND));
    }

    private RegistryAnswer version(Optional<ObjectNode> version, String cache) {
        return version.map(v -> RegistryAnswer.json(200, Json.bytes(withUrl(v)), cache))
                .orElseGet(() -> RegistryAnswer.error(404, VERSION_NOT_FOUND));
    }

    ObjectNode withUrl(ObjectNode version) {
        String url = version.path("url").asText();
        if (baseUrl != null && url.startsWith("/")) {
            version.put("url", baseUrl + url);
        }
        return version;
    }

    /** An asset of the latest version that has one: stable, then beta, then dev. */
    private RegistryAnswer latestAsset(String slug, List<String> name) {
        for (Channel channel : Channel.values()) {
            Optional<ObjectNode> latest = registry.latest(slug, channel);
            if (latest.isPresent()) {
                RegistryAnswer answer =
                        asset(slug, Optional.of(latest.get().path("version").asText()), name);
                if (answer.status() == 200) {
                    return answer;
                }
            }
        }
        return RegistryAnswer.error(404, "Asset was not found");
    }

    private RegistryAnswer asset(String slug, Optional<String> version, List<String> name) {
        String key = String.join("/", name);
        if (version.isEmpty() || !ASSET_NAMES.contains(name.get(0))) {
            return RegistryAnswer.error(404, "Asset was not found");
        }
        Optional<Path> file = registry.asset(slug, version.get(), key);
        if (file.isEmpty()) {
            return RegistryAnswer.error(404, "Asset was not found");
        }
        try {
            return new RegistryAnswer(
                    200,
                    ContentTypes.of(file.get().getFileName().toString()),
                    Files.readAllBytes(file.get()),
                    null,
                    "max-age=3600");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RegistryAnswer maintenance() {
        ArrayNode out = Json.mapper().createArrayNode();
        for (String slug : registry.slugs()) {
            registry.appRecord(slug)
                    .filter(a -> a.path("maintenance_activated").asBoolean())
                    .ifPresent(out::add);
        }
        return RegistryAnswer.json(200, Json.bytes(out), "no-cache");
    }

    /** The list: filters, sort, an offset cursor and a page of at most 200. */
    private RegistryAnswer list(Map<String, String> query) {
        int limit;
        int skip;
        try {
            limit = Math.min(MAX_LIMIT, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "" + DEFAULT_LIMIT))));
            skip = Math.max(0, Integer.parseInt(query.getOrDefault("cursor", "0")));
        } catch (NumberFormatException e) {
            return RegistryAnswer.error(400, "Query param \"limit\" or \"cursor\" is invalid: " + e.getMessage());
        }
        Channel versions = channel(query.get("versionsChannel")).orElse(Channel.DEV);
        Channel latest =
                Channel.of(query.getOrDefault("latestChannelVersion", "stable")).orElse(Channel.STABLE);
        List<ObjectNode> apps = new ArrayList<>();
        for (String slug : registry.slugs()) {
            registry.app(slug, versions).filter(app -> matches(app, query)).ifPresent(app -> {
                app.remove("latest_version");
                registry.latest(slug, latest).ifPresent(v -> app.set("latest_version", withUrl(v)));
                apps.add(app);
            });
        }
        apps.sort(ListMerge.order(query.get("sort")));
        ObjectNode page = Json.mapper().createObjectNode();
        ArrayNode data = page.putArray("data");
        apps.stream().skip(skip).limit(limit).forEach(data::add);
        ObjectNode meta = page.putObject("meta");
        meta.put("count", data.size());
        if (apps.size() > skip + limit) {
            meta.put("next_cursor", String.valueOf(skip + limit));
        }
        return RegistryAnswer.json(200, Json.bytes(page), null);
    }

    private static boolean matches(JsonNode app, Map<String, String> query) {
        String type = query.get("filter[type]");
        String editor = query.get("filter[editor]");
        String select = query.get("filter[select]");
        String reject = query.get("filter[reject]");
        String slug = app.path("slug").asText();
        return (type == null || type.equals(app.path("type").asText()))
                && (editor == null || editor.equals(app.path("editor").asText()))
                && (select == null || List.of(select.split(",")).contains(slug))
                && (reject == null || !List.of(reject.split(",")).contains(slug));
    }

    private static Optional<Channel> channel(@Nullable String id) {
        return id == null || id.isEmpty() ? Optional.of(Channel.DEV) : Channel.of(id);
    }

    static String stripV(String version) {
        return version.startsWith("v") ? version.substring(1) : version;
    }
}
