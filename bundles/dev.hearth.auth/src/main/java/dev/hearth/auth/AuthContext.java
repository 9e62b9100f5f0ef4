package dev.hearth.auth;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as the web layer attaches it to every request of an instance.
 *
 * @param claims the verified token claims, or null for an anonymous request
 * @param permissions what the caller may do (empty when anonymous)
 */
public record AuthContext(String domain, @Nullable Claims claims, PermissionSet permissions) {

    public static AuthContext anonymous(String domain) {
        return new AuthContext(domain, null, PermissionSet.empty());
    }

    public boolean isAnonymous() {
        return claims == null;
    }

    /** The audience of the caller's token, or null when anonymous. */
    public @Nullable Audience audience() {
        return claims == null ? null : claims.audience();
    }
}
