package dev.hearth.auth;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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

    /**
     * As {@link #authenticate(String, String)}, for a caller that also has cookies (a browser): a
     * code of a password-protected share-by-link set opens it only with the cookie {@code
     * pass<id>} that giving the password set. Every way in with a token (HTTP, the realtime
     * websocket) goes through here.
     *
     * @param cookies the caller's cookie values by name
     * @throws dev.hearth.common.error.StatusException 401 {@value #PASSWORD_REQUIRED} when that
     *     cookie is missing or wrong
     */
    AuthContext authenticate(String domain, String token, Function<String, @Nullable String> cookies);

    /** The message of a share code used without the password of its set. */
    String PASSWORD_REQUIRED = "This link is protected by a password";
}
