package dev.hearth.auth.internal;

import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.Claims;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Resolves a token's permissions. Tokens that carry their permissions as a scope ({@code cli},
 * {@code access}) are served here; the other audiences get their permissions from documents
 * (apps, konnectors, share links) and are refused until those sources exist.
 */
@Component
public final class AuthenticatorImpl implements Authenticator {
    static final String INVALID_AUDIENCE = "Invalid audience for JWT token";

    private final TokenService tokens;

    @Activate
    public AuthenticatorImpl(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public AuthContext authenticate(String domain, String token) {
        Claims claims = tokens.verify(domain, token);
        PermissionSet permissions = switch (claims.audience()) {
            case CLI, ACCESS -> claims.scope().isEmpty() ? PermissionSet.empty() : PermissionSet.parseScope(claims.scope());
            default -> throw StatusException.badRequest(INVALID_AUDIENCE);
        };
        return new AuthContext(domain, claims, permissions);
    }
}
