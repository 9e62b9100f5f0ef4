package dev.hearth.auth.internal;

import dev.hearth.auth.Audience;
import dev.hearth.auth.Claims;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.OAuthServer;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.expiring.ExpiringValues;
import dev.hearth.common.expiring.MemoryExpiringValues;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link OAuthServer} with the codes kept as {@link ExpiringValues}: in memory on one node, or in
 * the store the nodes of a cluster share, so that a code issued through one node is exchanged
 * through another. They live five minutes, so a restart only costs an authorization in flight. A
 * code is removed by its first use, right or wrong.
 */
@Component
public final class OAuthServerImpl implements OAuthServer {
    static final Duration CODE_VALIDITY = Duration.ofMinutes(5);
    private static final String PREFIX = "oauth-code:";

    /** What a code stands for, as stored. */
    record Pending(String domain, Grant grant, long expires) {}

    private final OAuthClients clients;
    private final TokenService tokens;
    private final Clock clock;
    private final ExpiringValues codes;

    @Activate
    public OAuthServerImpl(
            @Reference OAuthClients clients,
            @Reference TokenService tokens,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    @Nullable
                    ExpiringValues shared) {
        this(clients, tokens, Clock.systemUTC(), shared != null ? shared : new MemoryExpiringValues());
    }

    public OAuthServerImpl(OAuthClients clients, TokenService tokens) {
        this(clients, tokens, Clock.systemUTC(), new MemoryExpiringValues());
    }

    OAuthServerImpl(OAuthClients clients, TokenService tokens, Clock clock, ExpiringValues codes) {
        this.clients = clients;
        this.tokens = tokens;
        this.clock = clock;
        this.codes = codes;
    }

    OAuthServerImpl(OAuthClients clients, TokenService tokens, Clock clock) {
        this(clients, tokens, clock, new MemoryExpiringValues());
    }

    @Override
    public String issueCode(String domain, Grant grant) {
        Instant expires = clock.instant().plus(CODE_VALIDITY);
        String code = Ids.randomBase64Url(32);
        codes.put(PREFIX + code, Json.bytes(new Pending(domain, grant, expires.getEpochSecond())), CODE_VALIDITY);
        return code;
    }

    private @Nullable Pending take(@Nullable String code) {
        byte[] stored = code == null || code.isEmpty() ? null : codes.take(PREFIX + code);
        if (stored == null) {
            return null;
        }
        try {
            return Json.read(stored, Pending.class);
        } catch (UncheckedIOException e) {
            return null;
        }
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
        Pending pending = take(code);
        if (pending == null
                || !pending.domain().equals(domain)
                || !pending.grant().clientId().equals(clientId)
                || pending.expires() <= clock.instant().getEpochSecond()) {
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
