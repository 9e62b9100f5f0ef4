package dev.hearth.auth.http.internal;

import dev.hearth.auth.Audience;
import dev.hearth.auth.LoginThrottle;
import dev.hearth.auth.Passphrases;
import dev.hearth.auth.Session;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.Shares;
import dev.hearth.auth.TwoFactor;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The browser side of authentication: the login form and its post (and its second step with
 * two-factor authentication), logout, the onboarding form, the password of a share-by-link set,
 * and the pages' assets. A wrong passphrase gets the form again with a message (401; JSON
 * clients get the message alone); a throttled attempt gets 429 with Retry-After.
 */
@Component
@OnInstanceHosts
public final class LoginArea implements HttpArea {
    static final String WRONG_PASSPHRASE = "The credentials you entered are incorrect, please try again.";
    static final String APPS_ONLY = "The user can logout only from client-side apps";

    private final InstanceService instances;
    private final Sessions sessions;
    private final Passphrases passphrases;
    private final LoginThrottle throttle;
    private final Shares shares;
    private final TwoFactorLogin twoFactor;

    @Activate
    public LoginArea(
            @Reference InstanceService instances,
            @Reference Sessions sessions,
            @Reference Passphrases passphrases,
            @Reference LoginThrottle throttle,
            @Reference Shares shares,
            @Reference TwoFactor twoFactor) {
        this.instances = instances;
        this.sessions = sessions;
        this.passphrases = passphrases;
        this.throttle = throttle;
        this.shares = shares;
        this.twoFactor = new TwoFactorLogin(twoFactor, throttle, sessions);
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN)
                .get("/auth/login", this::form)
                .post("/auth/login", this::login)
                .delete("/auth/login", this::logout)
                .delete("/auth/login/others", this::logoutOthers)
                .get("/auth/twofactor", call -> twoFactor.form(call, browser(call)))
                .post("/auth/twofactor", call -> twoFactor.submit(call, browser(call)))
                .get("/auth/passphrase", this::onboardingForm)
                .post("/auth/share-by-link/password", this::sharePassword)
                .get("/auth/assets/:name", call -> Pages.asset(call.response(), call.param("name")));
    }

    private Browser browser(Call call) {
        return new Browser(call, instances, sessions);
    }

    private void form(Call call) throws IOException {
        Browser browser = browser(call);
        String redirect = browser.redirect(call.query("redirect"));
        if (call.context().session().isPresent()) {
            call.seeOther(redirect);
            return;
        }
        if (!passphrases.isDefined(call.context().domain())) {
            message(call, 200, "Not set up yet", "Open the link you received to choose your passphrase first.");
            return;
        }
        loginPage(call, 200, "");
    }

    private void loginPage(Call call, int status, String error) throws IOException {
        Instance instance = call.context().instance();
        Passphrases.KdfParams kdf = passphrases.params(instance.domain());
        String redirect = call.request().getParameter("redirect");
        Pages.render(
                call.response(),
                status,
                "login",
                Map.of(
                        "domain", instance.domain(),
                        "salt", kdf.salt(),
                        "iterations", Integer.toString(kdf.iterations()),
                        "csrf", Csrf.issue(call.request(), call.response()),
                        "redirect", redirect == null ? "" : redirect,
                        "error", error),
                browser(call).appOrigins());
    }

    private void login(Call call) throws IOException {
        Csrf.check(call.request());
        Browser browser = browser(call);
        String redirect = browser.redirect(call.request().getParameter("redirect"));
        RequestContext context = call.context();
        if (context.session().isEmpty()) {
            if (!checkPassphrase(call)) {
                if (call.wantsJson()) {
                    call.json(401, Map.of("error", WRONG_PASSPHRASE));
                } else {
                    loginPage(call, 401, WRONG_PASSPHRASE);
                }
                return;
            }
            boolean longRun = "1".equals(call.request().getParameter("long-run-session"))
                    || "true".equals(call.request().getParameter("long-run-session"));
            if (twoFactor.required(context.domain())) {
                redirect = twoFactor.formUrl(browser, context.domain(), call.request(), longRun);
            } else {
                browser.openSession(sessions.create(context.domain(), longRun, false));
            }
        }
        if (call.wantsJson()) {
            call.json(200, Map.of("redirect", redirect));
        } else {
            call.seeOther(redirect);
        }
    }

    private boolean checkPassphrase(Call call) {
        String domain = call.context().domain();
        return throttle.attempt(
                domain,
                call.request().getRemoteAddr(),
                () -> passphrases.check(domain, call.request().getParameter("passphrase")));
    }

    private void logout(Call call) {
        Session session = loggedInApp(call);
        sessions.delete(call.context().domain(), session.id());
        browser(call).closeSession();
        call.noContent();
    }

    private void logoutOthers(Call call) {
        Session session = loggedInApp(call);
        sessions.deleteOthers(call.context().domain(), session.id());
        call.noContent();
    }

    /** Logging out is for web apps, on behalf of the browser's session. */
    private static Session loggedInApp(Call call) {
        RequestContext context = call.context();
        if (context.authOrAnonymous().audience() != Audience.APP) {
            throw StatusException.unauthorized(APPS_ONLY);
        }
        return context.session().orElseThrow(() -> StatusException.unauthorized("Could not retrieve session"));
    }

    /** The password of a share-by-link set: a right one gets the cookie {@code pass<id>}. */
    private void sharePassword(Call call) throws IOException {
        String domain = call.context().domain();
        String id = call.request().getParameter("perm_id");
        Shares.Share share = id == null ? null : shares.find(domain, id).orElse(null);
        if (share == null || !share.hasPassword()) {
            throw StatusException.notFound("Permission not found");
        }
        if (!throttle.attempt(
                domain,
                call.request().getRemoteAddr(),
                () -> shares.checkPassword(domain, id, call.request().getParameter("password")))) {
            throw StatusException.forbidden("Invalid password");
        }
        long maxAge = share.expiresAt() == null
                ? -1
                : Math.max(0, Duration.between(Instant.now(), share.expiresAt()).toSeconds());
        browser(call).setCookie("pass" + id, shares.passwordCookie(domain, share), maxAge);
        call.json(200, Map.of("password", "ok"));
    }

    private void onboardingForm(Call call) throws IOException {
        Instance instance = call.context().instance();
        String token = call.query("registerToken");
        if (passphrases.isDefined(instance.domain())) {
            call.seeOther(browser(call).origin() + "/auth/login");
            return;
        }
        if (!passphrases.isRegisterToken(instance.domain(), token)) {
            message(call, 400, "Invalid link", "This link to choose a passphrase is not valid.");
            return;
        }
        Passphrases.KdfParams kdf = passphrases.params(instance.domain());
        Pages.render(
                call.response(),
                200,
                "onboarding",
                Map.of(
                        "domain", instance.domain(),
                        "salt", kdf.salt(),
                        "iterations", Integer.toString(kdf.iterations()),
                        "registerToken", token),
                browser(call).appOrigins());
    }

    private void message(Call call, int status, String title, String text) throws IOException {
        Pages.render(
                call.response(),
                status,
                "message",
                Map.of("domain", call.context().domain(), "title", title, "message", text),
                "");
    }
}
