package dev.hearth.instances.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import org.jspecify.annotations.Nullable;

/** Applies an {@link InstanceChanges} to an instance, checking the values it sets. */
final class Changes {
    private Changes() {}

    /** The instance with the set fields of {@code c}; a blank locale or context name is no change. */
    static Instance apply(Instance i, InstanceChanges c) {
        return new Instance(
                i.id(),
                i.domain(),
                orDefault(c.locale(), i.locale()),
                c.email() != null ? c.email() : i.email(),
                c.publicName() != null ? c.publicName() : i.publicName(),
                c.timezone() != null ? c.timezone() : i.timezone(),
                orDefault(c.contextName(), i.contextName()),
                c.uuid() != null ? c.uuid() : i.uuid(),
                c.onboardingFinished() != null ? c.onboardingFinished() : i.onboardingFinished(),
                i.registerToken(),
                c.diskQuota() != null ? checkQuota(c.diskQuota()) : i.diskQuota(),
                c.blocked() != null ? c.blocked() : i.blocked(),
                c.blockingReason() != null ? c.blockingReason() : i.blockingReason(),
                c.authMode() != null ? checkAuthMode(c.authMode()) : i.authMode(),
                i.createdAt());
    }

    /** The instance once its user has chosen a passphrase: onboarded, without a register token. */
    static Instance registered(Instance i) {
        return new Instance(
                i.id(),
                i.domain(),
                i.locale(),
                i.email(),
                i.publicName(),
                i.timezone(),
                i.contextName(),
                i.uuid(),
                true,
                null,
                i.diskQuota(),
                i.blocked(),
                i.blockingReason(),
                i.authMode(),
                i.createdAt());
    }

    /** A disk quota in bytes: 0 for none, never negative. */
    static long checkQuota(long quota) {
        if (quota < 0) {
            throw ApiException.invalidParameter("DiskQuota", "The disk quota must be zero (no quota) or positive");
        }
        return quota;
    }

    private static String checkAuthMode(String mode) {
        if (!mode.equals("basic") && !mode.equals("two_factor_mail")) {
            throw ApiException.invalidParameter("AuthMode", "Unknown authentication mode");
        }
        return mode;
    }

    static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
