package dev.hearth.web;

import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Session;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.Instance;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the web bundle learned about a request to an instance: the instance (and app) its host
 * designates, and the caller, resolved on first use so that routes that need no caller never
 * fail on a stale token.
 */
@ProviderType
public interface RequestContext {
    /** The message of a request that needs a token and carries none. */
    String NO_TOKEN = "No token in request";
    /** The message of a caller whose permissions do not cover the request. */
    String FORBIDDEN = "Forbidden";

    /** The context of a request, or null when its host designates no instance. */
    static @Nullable RequestContext of(HttpServletRequest req) {
        return (RequestContext) req.getAttribute(WebConstants.CONTEXT_ATTRIBUTE);
    }

    Instance instance();

    default String domain() {
        return instance().domain();
    }

    /** The app slug when the host is an app subdomain, else null. */
    @Nullable
    String appSlug();

    /** The live session of the browser's cookie, if any. */
    Optional<Session> session();

    /**
     * The caller. Routes that need one call this.
     *
     * @throws StatusException 401 {@value #NO_TOKEN}, or the token's own error (400 invalid or
     *     expired)
     */
    default AuthContext auth() {
        AuthContext caller = authOrAnonymous();
        if (caller.isAnonymous()) {
            throw StatusException.unauthorized(NO_TOKEN);
        }
        return caller;
    }

    /** The caller, anonymous when the request carries no token; a bad token still fails. */
    AuthContext authOrAnonymous();

    /**
     * The caller, when it may use {@code verb} on every document of {@code doctype}, as
     * collection-wide routes require.
     *
     * @throws StatusException 401 without a token, 403 {@value #FORBIDDEN} without such a rule
     */
    default AuthContext requireWholeType(Verb verb, String doctype) {
        AuthContext caller = auth();
        if (!caller.permissions().allowsWholeType(verb, doctype)) {
            throw StatusException.forbidden(FORBIDDEN);
        }
        return caller;
    }

    /**
     * The caller, when it may use {@code verb} on the document {@code id} of {@code doctype}.
     *
     * @throws StatusException 401 without a token, 403 {@value #FORBIDDEN} without such a rule
     */
    default AuthContext requireDocument(Verb verb, String doctype, String id) {
        AuthContext caller = auth();
        if (!caller.permissions().allowsId(verb, doctype, id)) {
            throw StatusException.forbidden(FORBIDDEN);
        }
        return caller;
    }
}
