package dev.hearth.web.internal;

import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Shares;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import java.util.function.Function;

/**
 * The second factor of a password-protected share link: its code alone is not enough, the
 * browser must also hold the cookie {@code pass<id>} got by giving the password. Every way in
 * with a token (HTTP, the realtime websocket) goes through here.
 */
public final class SharePasswords {
    static final String PASSWORD_REQUIRED = "This link is protected by a password";

    private SharePasswords() {}

    /**
     * @param cookies the request's cookie values by name
     * @return {@code caller}, when it is not a share or its password was given
     * @throws StatusException 401 when the password cookie is missing or wrong
     */
    public static AuthContext check(Shares shares, AuthContext caller, Function<String, String> cookies) {
        if (caller.audience() != Audience.SHARE) {
            return caller;
        }
        String domain = caller.domain();
        Shares.Share share = shares.find(domain, caller.claims().subject())
                .orElseThrow(() -> StatusException.badRequest(TokenService.INVALID));
        if (share.hasPassword() && !shares.passwordCookieValid(domain, share, cookies.apply("pass" + share.id()))) {
            throw StatusException.unauthorized(PASSWORD_REQUIRED);
        }
        return caller;
    }
}
