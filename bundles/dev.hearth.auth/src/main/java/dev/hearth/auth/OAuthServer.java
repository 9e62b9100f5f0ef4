package dev.hearth.auth;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The OAuth 2 authorization server of each instance: single-use authorization codes (five
 * minutes, optionally bound to a PKCE S256 challenge), and the token endpoint's two grants.
 * Errors are 400 with the messages Cozy's clients match on.
 */
@ProviderType
public interface OAuthServer {
    String INVALID_CODE = "invalid code";
    String INVALID_SECRET = "invalid client_secret";
    String INVALID_VERIFIER = "invalid code_verifier";
    String INVALID_REDIRECT = "invalid redirect_uri";
    String INVALID_REFRESH = "invalid refresh token";

    /** What the user granted a client on the consent page. */
    record Grant(
            String clientId,
            String scope,
            String redirectUri,
            @Nullable String codeChallenge) {}

    /** Issues the code of a grant. */
    String issueCode(String domain, Grant grant);

    /**
     * Exchanges a code (once) for an access and a refresh token.
     *
     * @param redirectUri when sent, it must be the one of the authorization
     * @return {@code access_token, token_type, refresh_token, scope}
     */
    Map<String, Object> exchangeCode(
            String domain,
            String clientId,
            String clientSecret,
            String code,
            @Nullable String redirectUri,
            @Nullable String codeVerifier);

    /** A new access token for a refresh token; the refresh token stays the same. */
    Map<String, Object> refresh(String domain, String clientId, String clientSecret, String refreshToken);
}
