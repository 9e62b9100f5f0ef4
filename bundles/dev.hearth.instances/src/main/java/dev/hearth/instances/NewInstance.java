package dev.hearth.instances;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the creator of an instance chooses. Every field but the domain is optional and then takes
 * its default, so requests are built by name ({@code NewInstance.builder(domain).locale("fr")
 * .build()}) rather than by position, where a long run of nulls hides which field is which.
 *
 * <p>A request may carry the user's passphrase in clear text: the instance is then created with
 * it, or not at all (see {@link InstanceListener#instanceCreating}). It is never part of
 * {@link #toString()}, so a request can be logged.
 */
public final class NewInstance {
    private final String domain;
    private final @Nullable String locale;
    private final @Nullable String email;
    private final @Nullable String publicName;
    private final @Nullable String timezone;
    private final @Nullable String contextName;
    private final @Nullable String uuid;
    private final @Nullable Long diskQuota;
    private final @Nullable Boolean onboardingFinished;
    private final @Nullable String passphrase;
    private final int kdfIterations;

    private NewInstance(Builder b) {
        this.domain = b.domain;
        this.locale = b.locale;
        this.email = b.email;
        this.publicName = b.publicName;
        this.timezone = b.timezone;
        this.contextName = b.contextName;
        this.uuid = b.uuid;
        this.diskQuota = b.diskQuota;
        this.onboardingFinished = b.onboardingFinished;
        this.passphrase = b.passphrase;
        this.kdfIterations = b.kdfIterations;
    }

    /** A request with only a domain. */
    public static NewInstance of(String domain) {
        return builder(domain).build();
    }

    /** Starts a request for {@code domain}; the other fields default to null (or 0). */
    public static Builder builder(String domain) {
        return new Builder(domain);
    }

    /** The domain as the creator wrote it; the service normalizes it. */
    public String domain() {
        return domain;
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

    /** Bytes, 0 for no quota; null for the default (no quota). */
    public @Nullable Long diskQuota() {
        return diskQuota;
    }

    /** Whether the onboarding is done; null leaves it to the service (done when a passphrase is given). */
    public @Nullable Boolean onboardingFinished() {
        return onboardingFinished;
    }

    /** The user's passphrase in clear text, or null to let the user choose it at onboarding. */
    public @Nullable String passphrase() {
        return passphrase;
    }

    /** PBKDF2 iterations of the client-side hash of {@link #passphrase()}; 0 for the default. */
    public int kdfIterations() {
        return kdfIterations;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NewInstance n
                && domain.equals(n.domain)
                && Objects.equals(locale, n.locale)
                && Objects.equals(email, n.email)
                && Objects.equals(publicName, n.publicName)
                && Objects.equals(timezone, n.timezone)
                && Objects.equals(contextName, n.contextName)
                && Objects.equals(uuid, n.uuid)
                && Objects.equals(diskQuota, n.diskQuota)
                && Objects.equals(onboardingFinished, n.onboardingFinished)
                && Objects.equals(passphrase, n.passphrase)
                && kdfIterations == n.kdfIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                domain,
                locale,
                email,
                publicName,
                timezone,
                contextName,
                uuid,
                diskQuota,
                onboardingFinished,
                passphrase,
                kdfIterations);
    }

    /** Says whether a passphrase is set, never what it is. */
    @Override
    public String toString() {
        return "NewInstance[domain=" + domain + ", locale=" + locale + ", email=" + email + ", publicName="
                + publicName + ", timezone=" + timezone + ", contextName=" + contextName + ", uuid=" + uuid
                + ", diskQuota=" + diskQuota + ", onboardingFinished=" + onboardingFinished + ", passphrase="
                + (passphrase == null ? "null" : "(set)") + ", kdfIterations=" + kdfIterations + "]";
    }

    /** Collects the fields of a {@link NewInstance}; each setter replaces the previous value. */
    public static final class Builder {
        private final String domain;
        private @Nullable String locale;
        private @Nullable String email;
        private @Nullable String publicName;
        private @Nullable String timezone;
        private @Nullable String contextName;
        private @Nullable String uuid;
        private @Nullable Long diskQuota;
        private @Nullable Boolean onboardingFinished;
        private @Nullable String passphrase;
        private int kdfIterations;

        private Builder(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
        }

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

        public Builder onboardingFinished(@Nullable Boolean value) {
            this.onboardingFinished = value;
            return this;
        }

        public Builder passphrase(@Nullable String value) {
            this.passphrase = value;
            return this;
        }

        public Builder kdfIterations(int value) {
            this.kdfIterations = value;
            return this;
        }

        public NewInstance build() {
            return new NewInstance(this);
        }
    }
}
