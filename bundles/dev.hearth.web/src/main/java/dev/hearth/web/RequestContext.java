package dev.hearth.web;

import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Session;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the filters learned about a request to an instance: the instance (and app) its host
 * designates, and the caller, resolved on first use.
 */
public final class RequestContext {
    /** The message of a request that needs a token and carries none. */
    public static final String NO_TOKEN = "No token in request";
    /** The message of a caller whose permissions do not cover the request. */
    public static final String FORBIDDEN = "Forbidden";

    private final HostMatch host;
    private volatile @Nullable Supplier<AuthContext> authenticate;
    private volatile @Nullable AuthContext auth;
    private volatile @Nullable RuntimeException authError;
    private volatile Supplier<Optional<Session>> sessionLookup = Optional::empty;
    private volatile @Nullable Optional<Session> session;

    public RequestContext(HostMatch host) {
        this.host = host;
    }

    /** The context of a request, or null when its host designates no instance. */
    public static @Nullable RequestContext of(HttpServletRequest req) {
        return (RequestContext) req.getAttribute(WebConstants.CONTEXT_ATTRIBUTE);
    }

    public Instance instance() {
        return host.instance();
    }

    public String domain() {
        return host.instance().domain();
    }

    /** The app slug when the host is an app subdomain, else null. */
    public @Nullable String appSlug() {
        return host.appSlug();
    }

    /** Set by the auth filter when the request carries a session cookie: how to find the session. */
    public void attachSession(Supplier<Optional<Session>> lookup) {
        this.sessionLookup = lookup;
        this.session = null;
    }

    /** The live session of the browser's cookie, if any. */
    public Optional<Session> session() {
        Optional<Session> known = session;
        if (known == null) {
            known = sessionLookup.get();
            session = known;
        }
        return known;
    }

    /** Set by the auth filter when the request carries a token: how to authenticate it. */
    public void attachToken(Supplier<AuthContext> authenticator) {
        this.authenticate = authenticator;
    }

    /**
     * The caller. Routes that need one call this.
     *
     * @throws StatusException 401 {@value #NO_TOKEN}, or the token's own error (400 invalid or
     *     expired)
     */
    public AuthContext auth() {
        AuthContext caller = authOrAnonymous();
        if (caller.isAnonymous()) {
            throw StatusException.unauthorized(NO_TOKEN);
        }
        return caller;
    }

    /**
     * The caller, when it may use {@code verb} on every document of {@code doctype}, as
     * collection-wide routes require.
     *
     * @throws StatusException 401 without a token, 403 {@value #FORBIDDEN} without such a rule
     */
    public AuthContext requireWholeType(Verb verb, String doctype) {
        AuthContext caller = auth();
        if (!caller.permissions().allowsWholeType(verb, doctype)) {
            throw StatusException.forbidden(FORBIDDEN);
        }
        return caller;
    }

    /** The caller, anonymous when the request carries no token; a bad token still fails. */
    public AuthContext authOrAnonymous() {
        AuthContext known = auth;
        if (known != null) {
            return known;
        }
        RuntimeException failed = authError;
        if (failed != null) {
            throw failed;
        }
        Supplier<AuthContext> resolver = authenticate;
        if (resolver == null) {
            return AuthContext.anonymous(domain());
        }
        try {
            AuthContext resolved = resolver.get();
            auth = resolved;
            return resolved;
        } catch (RuntimeException e) {
            authError = e;
            throw e;
        }
    }
}
