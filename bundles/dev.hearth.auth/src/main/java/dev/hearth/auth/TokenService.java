package dev.hearth.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Mints and verifies the JWTs of an instance (HS512). Each audience family is signed with its own
 * per-instance key, so a token is valid only for the instance and the audience it was minted for.
 */
@ProviderType
public interface TokenService {

    /** The message of a token that cannot be trusted (bad signature, wrong instance, malformed). */
    String INVALID = "Invalid JWT token";
    /** The message of a token past its validity. */
    String EXPIRED = "Expired token";

    /**
     * Mints a token.
     *
     * @param issuedAt the {@code iat}; validity is counted from it
     */
    String mint(
            String domain,
            Audience audience,
            String subject,
            String scope,
            @Nullable String sessionId,
            Instant issuedAt);

    /**
     * Verifies a token for the instance at {@code domain}.
     *
     * @throws dev.hearth.common.error.StatusException 400 {@value #INVALID} or {@value #EXPIRED}
     */
    Claims verify(String domain, String token);
}
