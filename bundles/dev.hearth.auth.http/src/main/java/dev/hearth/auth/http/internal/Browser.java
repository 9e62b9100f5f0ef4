package dev.hearth.auth.http.internal;

import dev.hearth.auth.Session;
import dev.hearth.auth.Sessions;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.SubdomainMode;
import dev.hearth.web.Call;
import dev.hearth.web.Cookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the browser-facing routes share: the instance's URLs, its session cookie, and the check
 * that a redirect stays on the instance or one of its apps.
 */
public final class Browser {
    static final String BAD_SCHEME = "bad url: bad scheme";
    static final String UNPARSABLE = "bad url: could not parse";
    static final String FOREIGN = "bad url: should be subdomain";

    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final Instance instance;
    private final InstanceService instances;
    private final Sessions sessions;

    public Browser(Call call, InstanceService instances, Sessions sessions) {
        this.req = call.request();
        this.resp = call.response();
        this.instance = call.context().instance();
        this.instances = instances;
        this.sessions = sessions;
    }

    public String origin() {
        return req.getScheme() + "://" + instance.domain();
    }

    /** Where a logged-in user lands by default. */
    public String home() {
        return origin() + "/";
    }

    /** The origins of the instance's apps, as a CSP source. */
    String appOrigins() {
        String host =
                instances.subdomainMode() == SubdomainMode.FLAT ? parentDomain(instance.domain()) : instance.domain();
        return host == null ? "" : req.getScheme() + "://*." + host;
    }

    /**
     * The redirect a form asks for, checked: an http(s) URL on the instance (its fragment
     * replaced, so that a code in a fragment cannot travel on) or on one of its apps.
     *
     * @throws StatusException 400 when it goes anywhere else
     */
    String redirect(@Nullable String requested) {
        String wanted = requested;
        if (wanted == null || wanted.isBlank()) {
            wanted = home();
        }
        URI uri;
        try {
            uri = new URI(wanted);
        } catch (URISyntaxException e) {
            throw StatusException.badRequest(UNPARSABLE);
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw StatusException.badRequest(UNPARSABLE);
        }
        if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            throw StatusException.badRequest(BAD_SCHEME);
        }
        String host = uri.getRawAuthority();
        if (host.equalsIgnoreCase(instance.domain())) {
            int hash = wanted.indexOf('#');
            return (hash < 0 ? wanted : wanted.substring(0, hash)) + "#=";
        }
        Optional<HostMatch> match = instances.resolveHost(host);
        if (match.isPresent()
                && match.get().isApp()
                && match.get().instance().id().equals(instance.id())) {
            return wanted;
        }
        throw StatusException.badRequest(FOREIGN);
    }

    /** Sets the cookie of a new session. */
    public void openSession(Session session) {
        setCookie(
                sessions.cookieName(instance.domain()),
                sessions.cookieValue(instance.domain(), session),
                session.cookieMaxAge());
    }

    /** Clears the session cookie. */
    public void closeSession() {
        setCookie(sessions.cookieName(instance.domain()), "", 0);
    }

    /** Sets an HttpOnly, SameSite=Lax cookie that the instance and its apps receive. */
    public void setCookie(String name, String value, long maxAge) {
        Cookies.set(req, resp, name, value, "/", cookieDomain(), maxAge, "Lax");
    }

    /**
     * The cookie's domain: the instance's host on nested subdomains, so apps get it too; one
     * level up on flat subdomains; host-only when there is no level up.
     */
    private @Nullable String cookieDomain() {
        String host = instance.domainWithoutPort();
        return instances.subdomainMode() == SubdomainMode.FLAT ? parentDomain(host) : host;
    }

    private static @Nullable String parentDomain(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? null : host.substring(dot + 1);
    }
}
