package dev.hearth.auth;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The login sessions of each instance. A session is named by an opaque cookie value, signed
 * with the instance's session key, so a cookie is only valid on the instance that set it.
 */
@ProviderType
public interface Sessions {

    /** Opens a session. */
    Session create(String domain, boolean longRun, boolean shortRun);

    /** The live session a cookie value names, if its signature holds and it has not expired. */
    Optional<Session> fromCookie(String domain, String cookieValue);

    /** The cookie value naming a session. */
    String cookieValue(String domain, Session session);

    /** The name of the session cookie of the instance (it depends on the subdomain mode). */
    String cookieName(String domain);

    /** Whether the session exists and has not expired. */
    boolean exists(String domain, String sessionId);

    /** The live sessions, oldest first. */
    List<Session> list(String domain);

    /** Ends a session; ending one that is gone is not an error. */
    void delete(String domain, String sessionId);

    /** Ends every session but {@code keepId}, as after a passphrase change. */
    void deleteOthers(String domain, String keepId);
}
