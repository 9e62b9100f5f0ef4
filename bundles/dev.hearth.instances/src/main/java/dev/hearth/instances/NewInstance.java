package dev.hearth.instances;

import org.jspecify.annotations.Nullable;

/**
 * What the creator of an instance chooses; every field but the domain may be null and then
 * takes its default.
 */
public record NewInstance(
        String domain,
        @Nullable String locale,
        @Nullable String email,
        @Nullable String publicName,
        @Nullable String timezone,
        @Nullable String contextName,
        @Nullable String uuid,
        @Nullable Long diskQuota) {

    /** A request with only a domain. */
    public static NewInstance of(String domain) {
        return new NewInstance(domain, null, null, null, null, null, null, null);
    }
}
