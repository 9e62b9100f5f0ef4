package dev.hearth.web.internal;

import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Session;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.web.RequestContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RequestContext} the host preprocessor attaches; the auth filter tells it how to find
 * the caller's token and session, which are checked when a route first asks for them.
 */
public final class RequestContextImpl implements RequestContext {
    private final HostMatch host;
    private volatile @Nullable Supplier<AuthContext> authenticate;
    private volatile @Nullable AuthContext auth;
    private volatile @Nullable RuntimeException authError;
    private volatile Supplier<Optional<Session>> sessionLookup = Optional::empty;
    private volatile @Nullable Optional<Session> session;

    public RequestContextImpl(HostMatch host) {
        this.host = host;
    }

    @Override
    public Instance instance() {
        return host.instance();
    }

    @Override
    public @Nullable String appSlug() {
        return host.appSlug();
    }

    boolean isApp() {
        return host.isApp();
    }

    /** How to find the session of the request's cookie. */
    void attachSession(Supplier<Optional<Session>> lookup) {
        this.sessionLookup = lookup;
        this.session = null;
    }

    @Override
    public Optional<Session> session() {
        Optional<Session> known = session;
        if (known == null) {
            known = sessionLookup.get();
            session = known;
        }
        return known;
    }

    /** How to authenticate the request's token. */
    void attachToken(Supplier<AuthContext> authenticator) {
        this.authenticate = authenticator;
    }

    @Override
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
