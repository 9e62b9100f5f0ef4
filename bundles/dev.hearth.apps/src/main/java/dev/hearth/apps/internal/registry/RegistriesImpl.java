package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.internal.registry.ListMerge.Page;
import dev.hearth.apps.registry.Registries;
import dev.hearth.apps.registry.RegistryAnswer;
import dev.hearth.common.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registries of each context, as configured ({@link RegistriesConfig}): Hearth's own ({@code
 * hearth:}), folders ({@code file:}) and cozy-apps-registry servers ({@code http(s):}), asked in
 * their order.
 */
@Component(
        service = {Registries.class, RegistriesImpl.class},
        configurationPid = RegistriesConfig.PID)
public final class RegistriesImpl implements Registries {
    private static final Logger LOG = LoggerFactory.getLogger(RegistriesImpl.class);
    private static final String DEFAULT = "default";

    /** One registry of a context: a folder (Hearth's own is one) or a server. */
    public record Source(
            @Nullable FolderRegistry folder, @Nullable HttpRegistry server) {
        RegistryAnswer get(List<String> path, Map<String, String> query) {
            return folder != null ? new LocalRoutes(folder, null).get(path, query) : server.get(path, query);
        }
    }

    private final Map<String, List<Source>> byContext;
    private final Downloads downloads;

    @Activate
    public RegistriesImpl(@Reference RegistryStore store, @Reference Downloads downloads, RegistriesConfig config) {
        this.downloads = downloads;
        this.byContext = parse(config.registries(), store, downloads.registryFetcher());
    }

    /** Parses {@code context=registry} entries; a bad one is logged and left out. */
    static Map<String, List<Source>> parse(String[] entries, RegistryStore store, Fetcher fetcher) {
        Map<String, List<Source>> out = new LinkedHashMap<>();
        for (String raw : entries) {
            for (String entry : raw.split("[,\\n]")) {
                String e = entry.trim();
                int eq = e.indexOf('=');
                if (e.isEmpty()) {
                    continue;
                }
                if (eq <= 0) {
                    LOG.warn("Registry entry '{}' is not context=registry: left out", e);
                    continue;
                }
                String target = e.substring(eq + 1).trim();
                Source source = source(target, store, fetcher);
                if (source == null) {
                    LOG.warn("Registry '{}' is neither hearth:, file:/... nor http(s)://...: left out", target);
                    continue;
                }
                out.computeIfAbsent(e.substring(0, eq).trim(), k -> new ArrayList<>())
                        .add(source);
            }
        }
        return out;
    }

    private static @Nullable Source source(String target, RegistryStore store, Fetcher fetcher) {
        if (target.equals("hearth:")) {
            return new Source(store, null);
        }
        if (target.startsWith("file:")) {
            try {
                return new Source(new FolderRegistry(Path.of(java.net.URI.create(target))), null);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return new Source(null, new HttpRegistry(target, fetcher));
        }
        return null;
    }

    /** The registries of the context, those of {@code default} when it has none. */
    List<Source> of(String context) {
        List<Source> own = byContext.get(context);
        return own != null ? own : byContext.getOrDefault(DEFAULT, List.of());
    }

    public Downloads downloads() {
        return downloads;
    }

    @Override
    public RegistryAnswer get(String context, List<String> path, Map<String, String> query) {
        RegistryAnswer last = RegistryAnswer.error(404, LocalRoutes.APP_NOT_FOUND);
        for (Source source : of(context)) {
            last = source.get(path, query);
            if (last.status() != 404) {
                return last;
            }
        }
        return last;
    }

    @Override
    public RegistryAnswer list(String context, Map<String, String> query) {
        List<Source> sources = of(context);
        int limit;
        try {
            limit = Math.min(200, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "100"))));
        } catch (NumberFormatException e) {
            return RegistryAnswer.error(400, "Query param \"limit\" is invalid: " + e.getMessage());
        }
        long[] positions = ListMerge.cursor(query.get("cursor"), sources.size());
        List<@Nullable Page> pages = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            pages.add(positions[i] < 0 ? null : page(sources.get(i), query, positions[i], limit));
        }
        return RegistryAnswer.json(200, Json.bytes(ListMerge.merge(pages, positions, limit, query.get("sort"))), null);
    }

    private static @Nullable Page page(Source source, Map<String, String> query, long position, int limit) {
        Map<String, String> q = new HashMap<>(query);
        q.put("cursor", String.valueOf(position));
        q.put("limit", String.valueOf(limit));
        RegistryAnswer answer = source.get(List.of(), q);
        if (answer.status() != 200) {
            LOG.warn("A registry answered {} to the list of apps", answer.status());
            return null;
        }
        try {
            ObjectNode body = Json.parseObject(answer.body());
            List<ObjectNode> apps = new ArrayList<>();
            for (JsonNode app : body.path("data")) {
                if (app instanceof ObjectNode o) {
                    apps.add(o);
                }
            }
            String next = body.path("meta").path("next_cursor").asText("");
            return new Page(apps, !next.isEmpty());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The version a {@code registry://} source names, from the first registry that has it, with
     * the registry it came from.
     */
    public Optional<Resolved> resolve(String context, RegistrySource wanted) {
        for (Source source : of(context)) {
            Optional<ObjectNode> version = source.folder() != null
                    ? wanted.version() != null
                            ? source.folder().version(wanted.slug(), wanted.version())
                            : source.folder().latest(wanted.slug(), wanted.channel())
                    : source.server().version(wanted.path());
            if (version.isPresent()) {
                return Optional.of(new Resolved(source, version.get()));
            }
        }
        return Optional.empty();
    }

    /** A version found in a registry. */
    public record Resolved(Source source, ObjectNode version) {}
}
