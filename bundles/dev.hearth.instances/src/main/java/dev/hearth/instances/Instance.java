package dev.hearth.instances;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One user's personal server, keyed by its domain (which may carry a port, such as {@code
 * alice.localhost:8080}). Immutable: changes go through {@link InstanceService#modify}.
 *
 * @param id stable identifier of the instance, also used as its prefix
 * @param registerToken hex-encoded onboarding token, or null once the passphrase is set
 * @param createdAt creation time, RFC 3339 in UTC
 */
public record Instance(
        String id,
        String domain,
        String locale,
        @Nullable String email,
        @JsonProperty("public_name") @Nullable String publicName,
        @Nullable String timezone,
        @JsonProperty("context") String contextName,
        @Nullable String uuid,
        @JsonProperty("onboarding_finished") boolean onboardingFinished,
        @JsonProperty("register_token") @Nullable String registerToken,
        @JsonProperty("disk_quota") long diskQuota,
        boolean blocked,
        @JsonProperty("blocking_reason") @Nullable String blockingReason,
        @JsonProperty("auth_mode") String authMode,
        @JsonProperty("created_at") String createdAt) {

    /** The prefix of the instance (Cozy uses it to name the instance's databases and cookies). */
    public String prefix() {
        return id;
    }

    /**
     * Whether the user has chosen a passphrase: the register token is dropped when one is set (at
     * onboarding, or given at creation) and never comes back.
     */
    public boolean passwordDefined() {
        return registerToken == null;
    }

    /** The host of the instance without its port, as used in the passphrase salt. */
    public String domainWithoutPort() {
        int colon = domain.indexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }
}
