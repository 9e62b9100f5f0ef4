package dev.hearth.apps.internal.registry;

import dev.hearth.apps.internal.registry.RegistryVersions.Channel;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code registry://} source as cozy-stack reads it ({@code registry-apps.md} 4.3): {@code
 * registry://<slug>} is the latest stable version, {@code registry://<slug>/<channel>} the latest
 * of a channel, {@code registry://<slug>/<X.Y.Z...>} one version and {@code
 * registry://<slug>/<channel>/<version>} one version too ({@code latest} meaning the channel's).
 *
 * @param version a version, or null for the latest of the channel
 */
public record RegistrySource(
        String slug, Channel channel, @Nullable String version) {
    private static final String PREFIX = "registry://";

    public static boolean isRegistry(String source) {
        return source.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Parses the source; empty when it is malformed. */
    public static Optional<RegistrySource> parse(String source) {
        if (!isRegistry(source)) {
            return Optional.empty();
        }
        String rest = source.substring(PREFIX.length());
        int cut = rest.indexOf('?') >= 0 ? rest.indexOf('?') : rest.indexOf('#');
        if (cut >= 0) {
            rest = rest.substring(0, cut);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length > 3 || !FolderRegistry.isSlug(parts[0])) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(new RegistrySource(parts[0], Channel.STABLE, null));
        }
        if (parts.length == 2 && !parts[1].isEmpty() && Character.isDigit(parts[1].charAt(0))) {
            return Optional.of(new RegistrySource(parts[0], RegistryVersions.channel(parts[1]), parts[1]));
        }
        Optional<Channel> channel = Channel.of(parts[1]);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        if (parts.length == 2 || parts[2].equals("latest")) {
            return Optional.of(new RegistrySource(parts[0], channel.get(), null));
        }
        return parts[2].isEmpty()
                ? Optional.empty()
                : Optional.of(new RegistrySource(parts[0], channel.get(), parts[2]));
    }

    /** The registry path that gives this version: {@code <slug>/<version>} or {@code <slug>/<channel>/latest}. */
    public List<String> path() {
        return version != null ? List.of(slug, version) : List.of(slug, channel.id(), "latest");
    }
}
