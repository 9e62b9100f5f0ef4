package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.internal.registry.RegistryVersions.Channel;
import dev.hearth.apps.internal.registry.RegistryVersions.Entry;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registry in a folder, read-only: the layout Hearth's own registry writes, so that a copy of
 * it (on a disk taken offline) is a registry too.
 *
 * <pre>
 * &lt;root&gt;/&lt;slug&gt;/app.json                    {"slug","type","editor","created_at"}, maintenance fields optional
 * &lt;root&gt;/&lt;slug&gt;/&lt;version&gt;/version.json     the version as the registry serves it; its url is a path
 * &lt;root&gt;/&lt;slug&gt;/&lt;version&gt;/&lt;tarball&gt;         the archive, named as the url's last segment
 * &lt;root&gt;/&lt;slug&gt;/&lt;version&gt;/assets/...       icon, partnership icon and screenshots, by their path in the app
 * </pre>
 */
public class FolderRegistry {
    static final String APP = "app.json";
    static final String VERSION = "version.json";
    static final String ASSETS = "assets";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,63}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    protected final Path root;

    public FolderRegistry(Path root) {
        this.root = root;
    }

    static boolean isSlug(String slug) {
        return SLUG.matcher(slug).matches();
    }

    /** The slugs of the apps, sorted. */
    public List<String> slugs() {
        List<String> slugs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (isSlug(name) && Files.isRegularFile(dir.resolve(APP))) {
                    slugs.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the registry " + root, e);
        }
        slugs.sort(Comparator.naturalOrder());
        return slugs;
    }

    /** The app's own record: slug, type, editor, creation time and maintenance. */
    public Optional<ObjectNode> appRecord(String slug) {
        return isSlug(slug) ? read(root.resolve(slug).resolve(APP)) : Optional.empty();
    }

    /**
     * The app as the registry serves it: its record, its versions ({@code versionsChannel}
     * concatenated as the registry does), its latest stable version and its data usage commitment.
     */
    public Optional<ObjectNode> app(String slug, Channel versionsChannel) {
        Optional<ObjectNode> record = appRecord(slug);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode app = record.get();
        boolean cozy = app.path("editor").asText().toLowerCase(Locale.ROOT).equals("cozy");
        if (!app.has("data_usage_commitment")) {
            app.put("data_usage_commitment", cozy ? "user_reserved" : "none");
            app.put("data_usage_commitment_by", cozy ? "cozy" : "none");
        }
        app.set("versions", versions(slug, versionsChannel));
        latest(slug, Channel.STABLE).ifPresent(v -> app.set("latest_version", v));
        return Optional.of(app);
    }

    /** {@code {"has_versions","stable","beta","dev"}}: each channel holds the ones above it. */
    public ObjectNode versions(String slug, Channel upTo) {
        List<Entry> all = entries(slug);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("has_versions", !all.isEmpty());
        for (Channel channel : Channel.values()) {
            if (!upTo.includes(channel)) {
                continue;
            }
            ArrayNode list = out.putArray(channel.id());
            all.stream()
                    .filter(e -> channel.includes(RegistryVersions.channel(e.version())))
                    .sorted(RegistryVersions.order(channel))
                    .forEach(e -> list.add(e.version()));
        }
        return out;
    }

    /** A version, as stored. */
    public Optional<ObjectNode> version(String slug, String version) {
        if (!isSlug(slug) || !SEGMENT.matcher(version).matches()) {
            return Optional.empty();
        }
        return read(root.resolve(slug).resolve(version).resolve(VERSION));
    }

    /** The greatest version of the channel, by its order. */
    public Optional<ObjectNode> latest(String slug, Channel channel) {
        return entries(slug).stream()
                .filter(e -> channel.includes(RegistryVersions.channel(e.version())))
                .max(RegistryVersions.order(channel))
                .flatMap(e -> version(slug, e.version()));
    }

    /** The stored tarball of a version. */
    public Optional<Path> tarball(String slug, String version) {
        return version(slug, version).map(v -> tarballOf(slug, version, v)).filter(Files::isRegularFile);
    }

    Path tarballOf(String slug, String version, JsonNode stored) {
        String url = stored.path("url").asText();
        String name = url.substring(url.lastIndexOf('/') + 1);
        return root.resolve(slug).resolve(version).resolve(SEGMENT.matcher(name).matches() ? name : "-");
    }

    /** An asset of a version ({@code icon}, {@code partnership_icon}, {@code screenshots/<path>}). */
    public Optional<Path> asset(String slug, String version, String name) {
        Optional<ObjectNode> stored = version(slug, version);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        JsonNode path = stored.get().path("attachments").path(name);
        if (!path.isTextual() || path.asText().contains("..")) {
            return Optional.empty();
        }
        Path file = root.resolve(slug)
                .resolve(version)
                .resolve(ASSETS)
                .resolve(path.asText())
                .normalize();
        return file.startsWith(root.resolve(slug).resolve(version).resolve(ASSETS)) && Files.isRegularFile(file)
                ? Optional.of(file)
                : Optional.empty();
    }

    /** The versions of the app with their creation times. */
    List<Entry> entries(String slug) {
        if (!isSlug(slug)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.resolve(slug))) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!SEGMENT.matcher(name).matches() || !Files.isDirectory(dir)) {
                    continue;
                }
                Optional<ObjectNode> stored = read(dir.resolve(VERSION));
                if (stored.isPresent()) {
                    entries.add(new Entry(
                            name, millis(stored.get().path("created_at").asText())));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the versions of " + slug, e);
        }
        return entries;
    }

    private static long millis(String time) {
        try {
            return Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    static Optional<ObjectNode> read(Path file) {
        try {
            return Optional.of(Json.parseObject(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
