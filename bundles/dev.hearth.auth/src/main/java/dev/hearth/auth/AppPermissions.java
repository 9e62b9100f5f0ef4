package dev.hearth.auth;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What each installed app and konnector of an instance may do: the permissions of its manifest,
 * granted at install and replaced at each acknowledged update. App ({@code app}) and konnector
 * ({@code konn}) tokens carry exactly these; a token of an app with no grant carries none.
 * Stored as {@code io.cozy.permissions} documents of type {@code app} or {@code konnector}.
 */
@ProviderType
public interface AppPermissions {

    /**
     * Grants (or replaces) the permissions of an app or konnector.
     *
     * @param audience {@link Audience#APP} or {@link Audience#KONNECTOR}
     */
    void grant(String domain, Audience audience, String slug, PermissionSet permissions);

    /** Removes the grant of an app or konnector, if any. */
    void revoke(String domain, Audience audience, String slug);

    /** The grant of an app or konnector, if it has one. */
    Optional<PermissionSet> of(String domain, Audience audience, String slug);
}
