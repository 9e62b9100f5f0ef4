package dev.hearth.instances;

import org.jspecify.annotations.Nullable;

/** A partial update of an instance: null fields are left unchanged. */
public record InstanceChanges(
        @Nullable String locale,
        @Nullable String email,
        @Nullable String publicName,
        @Nullable String timezone,
        @Nullable String contextName,
        @Nullable String uuid,
        @Nullable Long diskQuota,
        @Nullable Boolean blocked,
        @Nullable String blockingReason,
        @Nullable Boolean onboardingFinished,
        @Nullable String authMode) {

    /** No change at all. */
    public static InstanceChanges none() {
        return new InstanceChanges(null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return equals(none());
    }
}
