package dev.hearth.apps.internal.registry;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registry versions and their channels, as cozy-apps-registry has them ({@code registry-apps.md}
 * 1.4 and 1.5): {@code X.Y.Z} is stable, {@code X.Y.Z-beta.N} beta and {@code X.Y.Z-dev.<hex>}
 * dev; a channel holds its own versions and those of the channels above it, and the latest of a
 * channel is the greatest by that channel's order.
 */
public final class RegistryVersions {
    private static final String NUMBER = "(0|[1-9][0-9]{0,4})";
    private static final Pattern VALID = Pattern.compile(
            NUMBER + "\\." + NUMBER + "\\." + NUMBER + "(-dev\\.[a-f0-9]{1,40}|-beta\\.(0|[1-9][0-9]{0,4}))?");
    private static final Pattern CORE = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    /** A release channel. */
    public enum Channel {
        STABLE,
        BETA,
        DEV;

        /** The name in URLs: {@code stable}, {@code beta}, {@code dev}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The channel named {@code id}, if it is one. */
        public static Optional<Channel> of(String id) {
            for (Channel c : values()) {
                if (c.id().equals(id)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        /** Whether a version of channel {@code of} belongs to this channel. */
        public boolean includes(Channel of) {
            return of.ordinal() <= ordinal();
        }
    }

    /** A published version with what orders it: its creation time, for dev versions. */
    public record Entry(String version, long createdAtMillis) {}

    private RegistryVersions() {}

    /** Whether the registry accepts {@code version} for publishing. */
    public static boolean isValid(String version) {
        return VALID.matcher(version).matches();
    }

    /** The channel of a version by its suffix. */
    public static Channel channel(String version) {
        if (version.contains("-dev.")) {
            return Channel.DEV;
        }
        return version.contains("-beta.") ? Channel.BETA : Channel.STABLE;
    }

    /** {@code X.Y.Z} of a version, or the empty string when it does not start so. */
    public static String core(String version) {
        Matcher m = CORE.matcher(version);
        return m.find() ? m.group() : "";
    }

    /**
     * The order of a channel: by {@code X.Y.Z}, then a stable version after the others of the same
     * numbers, then beta numbers (beta channel) or creation times (dev channel).
     */
    public static Comparator<Entry> order(Channel channel) {
        Comparator<Entry> numbers = Comparator.comparingLong(e -> number(e.version(), 1));
        numbers = numbers.thenComparingLong(e -> number(e.version(), 2))
                .thenComparingLong(e -> number(e.version(), 3))
                .thenComparingInt(e -> channel(e.version()) == Channel.STABLE ? 1 : 0);
        return switch (channel) {
            case STABLE -> numbers;
            case BETA -> numbers.thenComparingLong(e -> betaNumber(e.version()));
            case DEV -> numbers.thenComparingLong(Entry::createdAtMillis);
        };
    }

    private static long number(String version, int group) {
        Matcher m = CORE.matcher(version);
        return m.find() ? parse(m.group(group)) : -1;
    }

    private static long betaNumber(String version) {
        int at = version.indexOf("-beta.");
        return at < 0 ? -1 : parse(version.substring(at + 6));
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
