package dev.hearth.auth.http.internal;

import dev.hearth.common.error.StatusException;
import dev.hearth.common.id.Ids;
import dev.hearth.web.Cookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Double-submit CSRF protection of the {@code /auth} forms: a random token in the {@code _csrf}
 * cookie (path {@code /auth}, HttpOnly, SameSite=Strict, one hour) that the form posts back as
 * {@code csrf_token}.
 */
final class Csrf {
    static final String COOKIE = "_csrf";
    static final String FIELD = "csrf_token";
    static final String MISSING = "missing csrf token in the form parameter";
    static final String INVALID = "invalid csrf token";
    private static final int MAX_AGE = 3600;

    private Csrf() {}

    /** The token of the browser, or a new one; either way the cookie is (re)sent. */
    static String issue(HttpServletRequest req, HttpServletResponse resp) {
        String token = Cookies.get(req, COOKIE);
        if (token == null || token.length() != 43) {
            token = Ids.randomBase64Url(32);
        }
        Cookies.set(req, resp, COOKIE, token, "/auth", null, MAX_AGE, "Strict");
        return token;
    }

    /**
     * @throws StatusException 400 when the form has no token, 403 when it does not match the cookie
     */
    static void check(HttpServletRequest req) {
        String sent = req.getParameter(FIELD);
        if (sent == null || sent.isEmpty()) {
            throw StatusException.badRequest(MISSING);
        }
        String cookie = Cookies.get(req, COOKIE);
        if (cookie == null
                || !MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw StatusException.forbidden(INVALID);
        }
    }
}
