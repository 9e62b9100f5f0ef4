package dev.hearth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Share-by-link permission sets ({@code io.cozy.permissions} documents of type {@code share}).
 * Each named code is a {@code share} token; a shortcode is a 12-character alias of a code. A
 * code opens exactly the set's rules, while the set exists, lists the code and has not expired;
 * a set with a password also needs the cookie {@code pass<id>} got by giving the password.
 */
@ProviderType
public interface Shares {

    /** A share-by-link set. */
    record Share(
            String id,
            String rev,
            String sourceId,
            PermissionSet permissions,
            Map<String, String> codes,
            Map<String, String> shortcodes,
            @Nullable Instant expiresAt,
            boolean hasPassword,
            Instant createdAt) {

        public boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /**
     * What a caller asks for.
     *
     * @param codeNames one code per name (the people the link is for)
     * @param ttl how long the codes work, or null for ever
     */
    record NewShare(
            String sourceId,
            PermissionSet permissions,
            List<String> codeNames,
            boolean shortcodes,
            @Nullable Duration ttl,
            @Nullable String password) {}

    /**
     * Creates a set; its rules must be a subset of the granter's.
     *
     * @throws dev.hearth.common.error.StatusException 403 when they are not
     */
    Share create(String domain, PermissionSet granter, NewShare request);

    Optional<Share> find(String domain, String id);

    /**
     * Changes a set with the attributes of a PATCH: {@code permissions} (rules to add, {@code
     * {}} to remove one), {@code codes} (the names that keep or get a code), {@code password}
     * and {@code expires_at} ({@code ""} clears them). Added rules must be the granter's.
     */
    Share update(String domain, String id, PermissionSet granter, JsonNode attributes);

    void delete(String domain, String id);

    /** Every share-by-link set of the instance, oldest first. */
    List<Share> list(String domain);

    /** The live set a code or shortcode opens, with the code's claims checked. */
    Optional<Share> forCode(String domain, String code);

    /** Whether a password is the set's (one scrypt hash). */
    boolean checkPassword(String domain, String id, String password);

    /** The value of the cookie {@code pass<id>} that proves the password was given. */
    String passwordCookie(String domain, Share share);

    /** Whether a browser's {@code pass<id>} cookie proves it. */
    boolean passwordCookieValid(String domain, Share share, @Nullable String cookie);

    /** Parses a TTL such as {@code 30m}, {@code 12h}, {@code 1D}, {@code 2W}, {@code 1M}, {@code 1Y}. */
    static Duration parseTtl(String ttl) {
        Matcher m = Pattern.compile("(\\d{1,6})([smhDWMY])").matcher(ttl);
        if (!m.matches()) {
            throw ApiException.invalidParameter("ttl", "Invalid TTL " + ttl);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "D" -> Duration.ofDays(n);
            case "W" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }
}
