package dev.hearth.auth.http.internal;

import dev.hearth.auth.LoginThrottle;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.TwoFactor;
import dev.hearth.common.error.StatusException;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The second step of a login on an instance with two-factor authentication: the passphrase step
 * hands over a five-minute token instead of a session, and the code form trades it, with a
 * valid code, for the session.
 */
final class TwoFactorLogin {
    static final String INVALID_TOKEN = "Invalid or expired two-factor token";

    private final TwoFactor twoFactor;
    private final LoginThrottle throttle;
    private final Sessions sessions;

    TwoFactorLogin(TwoFactor twoFactor, LoginThrottle throttle, Sessions sessions) {
        this.twoFactor = twoFactor;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    boolean required(String domain) {
        return twoFactor.isEnabled(domain);
    }

    /** Where the passphrase step sends the browser. */
    String formUrl(Browser browser, String domain, HttpServletRequest req, boolean longRun) {
        String redirect = req.getParameter("redirect");
        return browser.origin() + "/auth/twofactor?two_factor_token=" + encode(twoFactor.loginToken(domain))
                + "&long_run_session=" + longRun + (redirect == null ? "" : "&redirect=" + encode(redirect));
    }

    void form(Call call, Browser browser) throws IOException {
        String token = call.query("two_factor_token");
        if (token == null || !twoFactor.loginTokenValid(call.context().domain(), token)) {
            throw StatusException.badRequest(INVALID_TOKEN);
        }
        page(call, browser, 200, token, call.query("redirect"), "true".equals(call.query("long_run_session")), "");
    }

    void submit(Call call, Browser browser) throws IOException {
        Csrf.check(call.request());
        HttpServletRequest req = call.request();
        String domain = call.context().domain();
        String token = req.getParameter("two-factor-token");
        if (token == null || !twoFactor.loginTokenValid(domain, token)) {
            throw StatusException.badRequest(INVALID_TOKEN);
        }
        String redirect = browser.redirect(req.getParameter("redirect"));
        boolean longRun = "true".equals(req.getParameter("long-run-session"));
        if (!throttle.attempt(
                domain, req.getRemoteAddr(), () -> twoFactor.verify(domain, req.getParameter("two-factor-passcode")))) {
            if (call.wantsJson()) {
                call.json(401, Map.of("error", TwoFactor.INVALID_CODE));
            } else {
                page(call, browser, 401, token, req.getParameter("redirect"), longRun, TwoFactor.INVALID_CODE);
            }
            return;
        }
        browser.openSession(sessions.create(domain, longRun, false));
        if (call.wantsJson()) {
            call.json(200, Map.of("redirect", redirect));
        } else {
            call.seeOther(redirect);
        }
    }

    private static void page(
            Call call, Browser browser, int status, String token, String redirect, boolean longRun, String error)
            throws IOException {
        Pages.render(
                call.response(),
                status,
                "twofactor",
                Map.of(
                        "domain",
                        call.context().domain(),
                        "csrf",
                        Csrf.issue(call.request(), call.response()),
                        "token",
                        token,
                        "redirect",
                        redirect == null ? "" : redirect,
                        "longRun",
                        Boolean.toString(longRun),
                        "error",
                        error),
                browser.appOrigins());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
