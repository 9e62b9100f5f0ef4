package dev.hearth.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The verified claims of a token.
 *
 * @param issuer the instance domain ({@code iss})
 * @param subject the app slug, konnector slug or OAuth client id ({@code sub}); may be empty
 * @param scope the granted scope, empty when permissions come from elsewhere
 * @param sessionId the session an {@code app} token is bound to, or null
 */
public record Claims(
        Audience audience,
        String issuer,
        String subject,
        Instant issuedAt,
        String scope,
        @Nullable String sessionId) {}
