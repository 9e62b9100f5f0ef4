package dev.hearth.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hearth.auth.Audience;
import dev.hearth.auth.Claims;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.InstanceService;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link TokenService}, HS512 only: tokens are minted by {@link Hs512Minter} and read with
 * nimbus-jose-jwt. Claims follow Cozy's: {@code aud} (one
 * value), {@code iss} (the instance domain), {@code iat}, {@code sub}, {@code scope}, {@code
 * session_id}; validity is counted from {@code iat} per audience.
 */
@Component
public final class JwtTokenService implements TokenService {
    private final InstanceService instances;
    private final Clock clock;
    private final Hs512Minter minter = new Hs512Minter();

    @Activate
    public JwtTokenService(@Reference InstanceService instances) {
        this(instances, Clock.systemUTC());
    }

    JwtTokenService(InstanceService instances, Clock clock) {
        this.instances = instances;
        this.clock = clock;
    }

    @Override
    public String mint(
            String domain, Audience audience, String subject, String scope, String sessionId, Instant issuedAt) {
        String issuer = instances.get(domain).domain();
        return minter.mint(
                issuer + "\n" + keyKind(audience),
                key(issuer, audience),
                audience.code(),
                issuer,
                issuedAt.getEpochSecond(),
                subject,
                scope,
                sessionId);
    }

    @Override
    public Claims verify(String domain, String token) {
        SignedJWT jwt;
        JWTClaimsSet set;
        try {
            jwt = SignedJWT.parse(token);
            set = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw invalid();
        }
        if (!JWSAlgorithm.HS512.equals(jwt.getHeader().getAlgorithm())
                || set.getAudience().size() != 1
                || set.getIssueTime() == null
                || !domain.equals(set.getIssuer())) {
            throw invalid();
        }
        Audience audience = Audience.ofCode(set.getAudience().get(0));
        if (audience == null || !verifySignature(jwt, key(domain, audience))) {
            throw invalid();
        }
        Claims claims = toClaims(audience, set);
        if (isExpired(claims)) {
            throw StatusException.badRequest(EXPIRED)
                    .withHeader(
                            "WWW-Authenticate",
                            "Bearer error=\"invalid_token\" error_description=\"The access token expired\"");
        }
        return claims;
    }

    private static boolean verifySignature(SignedJWT jwt, byte[] key) {
        try {
            return jwt.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static Claims toClaims(Audience audience, JWTClaimsSet set) {
        try {
            String scope = set.getStringClaim("scope");
            String session = set.getStringClaim("session_id");
            return new Claims(
                    audience,
                    set.getIssuer(),
                    set.getSubject() == null ? "" : set.getSubject(),
                    set.getIssueTime().toInstant(),
                    scope == null ? "" : scope,
                    session);
        } catch (ParseException e) {
            throw invalid();
        }
    }

    private boolean isExpired(Claims claims) {
        Duration validity = claims.audience() == Audience.APP && claims.sessionId() == null
                ? Audience.APP_WITHOUT_SESSION
                : claims.audience().validity();
        return validity != null && claims.issuedAt().plus(validity).isBefore(clock.instant());
    }

    /** Which of the instance's keys signs the tokens of an audience. */
    private static String keyKind(Audience audience) {
        return switch (audience) {
            case APP, KONNECTOR -> "session";
            case ACCESS, REFRESH, REGISTRATION, SHARE -> "oauth";
            case CLI -> "cli";
        };
    }

    private byte[] key(String domain, Audience audience) {
        InstanceSecrets secrets;
        try {
            secrets = instances.secrets(domain);
        } catch (RuntimeException e) {
            throw invalid();
        }
        return switch (audience) {
            case APP, KONNECTOR -> secrets.session();
            case ACCESS, REFRESH, REGISTRATION, SHARE -> secrets.oauth();
            case CLI -> secrets.cli();
        };
    }

    private static StatusException invalid() {
        return StatusException.badRequest(INVALID).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
}
