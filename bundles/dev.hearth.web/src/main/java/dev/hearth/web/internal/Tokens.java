package dev.hearth.web.internal;

import dev.hearth.auth.BasicCredentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where a request carries its token: {@code Authorization: Bearer}, the password of HTTP Basic
 * (as PouchDB sends it), or {@code ?bearer_token=} in the query string (never in a form body).
 */
public final class Tokens {
    private Tokens() {}

    /** The token carried by an {@code Authorization} header or a query string, or null. */
    public static @Nullable String of(@Nullable String header, @Nullable String query) {
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return blankToNull(header.substring(7).trim());
            }
            BasicCredentials basic = BasicCredentials.parse(header);
            if (basic != null) {
                return blankToNull(basic.password());
            }
        }
        return blankToNull(queryParameter(query, "bearer_token"));
    }

    /** Reads one parameter from the query string only; a malformed value counts as absent. */
    static @Nullable String queryParameter(@Nullable String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
