package dev.hearth.auth.internal;

import dev.hearth.auth.Audience;
import dev.hearth.auth.Claims;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.OAuthServer;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link OAuthServer} with the codes in memory: they live five minutes, so a restart only costs
 * an authorization in flight. A code is removed by its first use, right or wrong.
 */
@Component
public final class OAuthServerImpl implements OAuthServer {
    static final Duration CODE_VALIDITY = Duration.ofMinutes(5);

    private record Pending(String domain, Grant grant, Instant expires) {}

    private final OAuthClients clients;
    private final TokenService tokens;
    private final Clock clock;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();

    @Activate
    public OAuthServerImpl(@Reference OAuthClients clients, @Reference TokenService tokens) {
        this(clients, tokens, Clock.systemUTC());
    }

    OAuthServerImpl(OAuthClients clients, TokenService tokens, Clock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public String issueCode(String domain, Grant grant) {
        Instant now = clock.instant();
        codes.values().removeIf(p -> p.expires().isBefore(now));
        String code = Ids.randomBase64Url(32);
        codes.put(code, new Pending(domain, grant, now.plus(CODE_VALIDITY)));
        return code;
    }

    @Override
    public Map<String, Object> exchangeCode(
            String domain,
            String clientId,
            String clientSecret,
            String code,
            @Nullable String redirectUri,
            @Nullable String codeVerifier) {
        authenticateClient(domain, clientId, clientSecret);
        Pending pending = code == null ? null : codes.remove(code);
        if (pending == null
                || !pending.domain().equals(domain)
                || !pending.grant().clientId().equals(clientId)
                || pending.expires().isBefore(clock.instant())) {
            throw StatusException.badRequest(INVALID_CODE);
        }
        Grant grant = pending.grant();
        if (redirectUri != null && !redirectUri.equals(grant.redirectUri())) {
            throw StatusException.badRequest(INVALID_REDIRECT);
        }
        if (grant.codeChallenge() != null && !grant.codeChallenge().equals(s256(codeVerifier))) {
            throw StatusException.badRequest(INVALID_VERIFIER);
        }
        Instant now = clock.instant();
        Map<String, Object> answer = accessToken(domain, clientId, grant.scope(), now);
        answer.put("refresh_token", tokens.mint(domain, Audience.REFRESH, clientId, grant.scope(), null, now));
        answer.put("scope", grant.scope());
        return answer;
    }

    @Override
    public Map<String, Object> refresh(String domain, String clientId, String clientSecret, String refreshToken) {
        authenticateClient(domain, clientId, clientSecret);
        Claims claims;
        try {
            claims = tokens.verify(domain, refreshToken == null ? "" : refreshToken);
        } catch (StatusException e) {
            throw StatusException.badRequest(INVALID_REFRESH);
        }
        if (claims.audience() != Audience.REFRESH || !claims.subject().equals(clientId)) {
            throw StatusException.badRequest(INVALID_REFRESH);
        }
        Map<String, Object> answer = accessToken(domain, clientId, claims.scope(), clock.instant());
        answer.put("scope", claims.scope());
        return answer;
    }

    private Map<String, Object> accessToken(String domain, String clientId, String scope, Instant now) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", tokens.mint(domain, Audience.ACCESS, clientId, scope, null, now));
        answer.put("token_type", "bearer");
        return answer;
    }

    private void authenticateClient(String domain, String clientId, String secret) {
        if (clientId == null || !clients.exists(domain, clientId)) {
            throw StatusException.badRequest(OAuthClients.NOT_REGISTERED);
        }
        if (!clients.checkSecret(domain, clientId, secret)) {
            throw StatusException.badRequest(INVALID_SECRET);
        }
    }

    /** The S256 challenge of a verifier (RFC 7636): base64url(SHA-256(verifier)) without padding. */
    static String s256(@Nullable String verifier) {
        if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
