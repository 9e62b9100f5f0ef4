package dev.hearth.auth;

import org.osgi.annotation.versioning.ProviderType;

/** Turns a request token into the caller's {@link AuthContext}. */
@ProviderType
public interface Authenticator {

    /**
     * Verifies {@code token} for the instance at {@code domain} and resolves its permissions.
     *
     * @throws dev.hearth.common.error.StatusException 400 when the token is invalid or expired, 403
     *     when its audience cannot be used here yet
     */
    AuthContext authenticate(String domain, String token);
}
