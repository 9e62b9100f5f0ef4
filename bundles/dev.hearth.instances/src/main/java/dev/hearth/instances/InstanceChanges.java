package dev.hearth.instances;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A partial update of an instance: fields left unset are left unchanged. Built by name
 * ({@code InstanceChanges.builder().locale("fr").blocked(true).build()}), so a change says which
 * fields it touches instead of being a long run of positional nulls.
 */
public final class InstanceChanges {
    private static final InstanceChanges NONE = builder().build();

    private final @Nullable String locale;
    private final @Nullable String email;
    private final @Nullable String publicName;
    private final @Nullable String timezone;
    private final @Nullable String contextName;
    private final @Nullable String uuid;
    private final @Nullable Long diskQuota;
    private final @Nullable Boolean blocked;
    private final @Nullable String blockingReason;
    private final @Nullable Boolean onboardingFinished;
    private final @Nullable String authMode;

    private InstanceChanges(Builder b) {
        this.locale = b.locale;
        this.email = b.email;
        this.publicName = b.publicName;
        this.timezone = b.timezone;
        this.contextName = b.contextName;
        this.uuid = b.uuid;
        this.diskQuota = b.diskQuota;
        this.blocked = b.blocked;
        this.blockingReason = b.blockingReason;
        this.onboardingFinished = b.onboardingFinished;
        this.authMode = b.authMode;
    }

    /** No change at all. */
    public static InstanceChanges none() {
        return NONE;
    }

    /** Starts an empty change. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the change leaves every field as it is. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    public @Nullable String locale() {
        return locale;
    }

    public @Nullable String email() {
        return email;
    }

    public @Nullable String publicName() {
        return publicName;
    }

    public @Nullable String timezone() {
        return timezone;
    }

    public @Nullable String contextName() {
        return contextName;
    }

    public @Nullable String uuid() {
        return uuid;
    }

    public @Nullable Long diskQuota() {
        return diskQuota;
    }

    public @Nullable Boolean blocked() {
        return blocked;
    }

    public @Nullable String blockingReason() {
        return blockingReason;
    }

    public @Nullable Boolean onboardingFinished() {
        return onboardingFinished;
    }

    public @Nullable String authMode() {
        return authMode;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof InstanceChanges c
                && Objects.equals(locale, c.locale)
                && Objects.equals(email, c.email)
                && Objects.equals(publicName, c.publicName)
                && Objects.equals(timezone, c.timezone)
                && Objects.equals(contextName, c.contextName)
                && Objects.equals(uuid, c.uuid)
                && Objects.equals(diskQuota, c.diskQuota)
                && Objects.equals(blocked, c.blocked)
                && Objects.equals(blockingReason, c.blockingReason)
                && Objects.equals(onboardingFinished, c.onboardingFinished)
                && Objects.equals(authMode, c.authMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                locale,
                email,
                publicName,
                timezone,
                contextName,
                uuid,
                diskQuota,
                blocked,
                blockingReason,
                onboardingFinished,
                authMode);
    }

    @Override
    public String toString() {
        return "InstanceChanges[locale=" + locale + ", email=" + email + ", publicName=" + publicName
                + ", timezone=" + timezone + ", contextName=" + contextName + ", uuid=" + uuid + ", diskQuota="
                + diskQuota + ", blocked=" + blocked + ", blockingReason=" + blockingReason
                + ", onboardingFinished=" + onboardingFinished + ", authMode=" + authMode + "]";
    }

    /** Collects the fields of an {@link InstanceChanges}; null (the start value) means unchanged. */
    public static final class Builder {
        private @Nullable String locale;
        private @Nullable String email;
        private @Nullable String publicName;
        private @Nullable String timezone;
        private @Nullable String contextName;
        private @Nullable String uuid;
        private @Nullable Long diskQuota;
        private @Nullable Boolean blocked;
        private @Nullable String blockingReason;
        private @Nullable Boolean onboardingFinished;
        private @Nullable String authMode;

        private Builder() {}

        public Builder locale(@Nullable String value) {
            this.locale = value;
            return this;
        }

        public Builder email(@Nullable String value) {
            this.email = value;
            return this;
        }

        public Builder publicName(@Nullable String value) {
            this.publicName = value;
            return this;
        }

        public Builder timezone(@Nullable String value) {
            this.timezone = value;
            return this;
        }

        public Builder contextName(@Nullable String value) {
            this.contextName = value;
            return this;
        }

        public Builder uuid(@Nullable String value) {
            this.uuid = value;
            return this;
        }

        public Builder diskQuota(@Nullable Long value) {
            this.diskQuota = value;
            return this;
        }

        public Builder blocked(@Nullable Boolean value) {
            this.blocked = value;
            return this;
        }

        public Builder blockingReason(@Nullable String value) {
            this.blockingReason = value;
            return this;
        }

        public Builder onboardingFinished(@Nullable Boolean value) {
            this.onboardingFinished = value;
            return this;
        }

        public Builder authMode(@Nullable String value) {
            this.authMode = value;
            return this;
        }

        public InstanceChanges build() {
            return new InstanceChanges(this);
        }
    }
}
