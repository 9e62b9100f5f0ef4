package dev.hearth.auth.internal;

import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.auth.AuthContext;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.Claims;
import dev.hearth.auth.OAuthClients;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Sessions;
import dev.hearth.auth.Shares;
import dev.hearth.auth.TokenService;
import dev.hearth.common.error.StatusException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Resolves a token's permissions. Tokens that carry their permissions as a scope ({@code cli},
 * {@code access}) are served here; share codes and shortcodes open the rules of their
 * share-by-link set, looked up on every request. {@code app} and {@code konn} tokens carry the
 * grant of their app or konnector ({@link AppPermissions}), also looked up on every request, so an
 * uninstall or an update takes effect at once; none when it has no grant. An {@code app} token
 * bound to a session dies with it. Refresh and registration tokens are not API tokens.
 *
 * <p>A verified token is remembered for a minute at most (and never past its expiry), so that a
 * client sending the same token on every request does not pay a signature check each time (not
 * for shares and apps, whose permissions live elsewhere). What can end before the token does (its
 * OAuth client, its session) is checked on every request.
 */
@Component
public final class AuthenticatorImpl implements Authenticator {
    static final String INVALID_AUDIENCE = "Invalid audience for JWT token";
    private static final Pattern SHORTCODE = Pattern.compile("[A-Za-z0-9]{12}");
    private static final long CACHE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int CACHE_SIZE = 10_000;

    private record Cached(AuthContext context, long until) {}

    private final TokenService tokens;
    private final OAuthClients clients;
    private final Sessions sessions;
    private final Shares shares;
    private final AppPermissions grants;
    private final ConcurrentHashMap<String, Cached> verified = new ConcurrentHashMap<>();

    @Activate
    public AuthenticatorImpl(
            @Reference TokenService tokens,
            @Reference OAuthClients clients,
            @Reference Sessions sessions,
            @Reference Shares shares,
            @Reference AppPermissions grants) {
        this.tokens = tokens;
        this.clients = clients;
        this.sessions = sessions;
        this.shares = shares;
        this.grants = grants;
    }

    @Override
    public AuthContext authenticate(String domain, String token) {
        String key = domain + '\n' + token;
        long now = System.nanoTime();
        Cached cached = verified.get(key);
        if (cached != null && now - cached.until() < 0) {
            return stillValid(cached.context());
        }
        AuthContext context = stillValid(resolve(domain, token));
        if (!cacheable(context.audience())) {
            return context;
        }
        if (verified.size() >= CACHE_SIZE) {
            verified.clear();
        }
        verified.put(key, new Cached(context, now + Math.min(CACHE_NANOS, untilExpiry(context.claims()))));
        return context;
    }

    @Override
    public AuthContext authenticate(String domain, String token, Function<String, @Nullable String> cookies) {
        AuthContext caller = authenticate(domain, token);
        if (caller.audience() != Audience.SHARE) {
            return caller;
        }
        Shares.Share share = shares.find(domain, caller.claims().subject())
                .orElseThrow(() -> StatusException.badRequest(TokenService.INVALID));
        if (share.hasPassword() && !shares.passwordCookieValid(domain, share, cookies.apply("pass" + share.id()))) {
            throw StatusException.unauthorized(PASSWORD_REQUIRED);
        }
        return caller;
    }

    private static long untilExpiry(Claims claims) {
        Duration validity = claims.audience().validity();
        if (validity == null) {
            return Long.MAX_VALUE;
        }
        Duration left = Duration.between(Instant.now(), claims.issuedAt().plus(validity));
        return Math.max(0, left.toNanos());
    }

    private AuthContext resolve(String domain, String token) {
        if (SHORTCODE.matcher(token).matches()) {
            return share(domain, token);
        }
        Claims claims = tokens.verify(domain, token);
        if (claims.audience() == Audience.SHARE) {
            return share(domain, token);
        }
        PermissionSet permissions = switch (claims.audience()) {
            case CLI, ACCESS ->
                claims.scope().isEmpty() ? PermissionSet.empty() : PermissionSet.parseScope(claims.scope());
            case APP, KONNECTOR ->
                grants.of(domain, claims.audience(), claims.subject()).orElse(PermissionSet.empty());
            default -> throw StatusException.badRequest(INVALID_AUDIENCE);
        };
        return new AuthContext(domain, claims, permissions);
    }

    /**
     * Whether a verified token's context may be remembered: not a share's or an app's, whose
     * permissions change with their set or their grant and must be read on every request.
     */
    private static boolean cacheable(Audience audience) {
        return audience != Audience.SHARE && audience != Audience.APP && audience != Audience.KONNECTOR;
    }

    /** The context of a share code: exactly the rules of its set, while the set lists the code. */
    private AuthContext share(String domain, String code) {
        Shares.Share share = shares.forCode(domain, code)
                .orElseThrow(() -> StatusException.badRequest(TokenService.INVALID)
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        Claims claims = new Claims(Audience.SHARE, domain, share.id(), share.createdAt(), "", null);
        return new AuthContext(domain, claims, share.permissions());
    }

    /** Checks what may have ended since the token was minted: its OAuth client, its session. */
    private AuthContext stillValid(AuthContext context) {
        Claims claims = context.claims();
        boolean ended = switch (claims.audience()) {
            case ACCESS -> !clients.exists(context.domain(), claims.subject());
            case APP -> claims.sessionId() != null && !sessions.exists(context.domain(), claims.sessionId());
            default -> false;
        };
        if (ended) {
            throw StatusException.badRequest(TokenService.INVALID)
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return context;
    }
}
