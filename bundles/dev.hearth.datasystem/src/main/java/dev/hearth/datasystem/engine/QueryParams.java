package dev.hearth.datasystem.engine;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.AllDocsQuery;
import org.jspecify.annotations.Nullable;

/** The parameters every engine reads from query strings, parsed or refused the same way. */
public final class QueryParams {
    private QueryParams() {}

    /**
     * Parses {@code since}: a sequence ({@code "42"}, or CouchDB's {@code "42-g1AA..."}, whose
     * opaque part must be base64url text as CouchDB makes it), "now", or none. Any other string is
     * CouchDB's 400; this never fails otherwise.
     */
    public static long since(@Nullable String since, long committed) {
        if (since == null || since.isEmpty() || since.equals("0")) {
            return 0;
        }
        if (since.equals("now")) {
            return committed;
        }
        int end = 0;
        while (end < since.length() && since.charAt(end) >= '0' && since.charAt(end) <= '9') {
            end++;
        }
        if (end == 0 || end > 18 || (end < since.length() && !isOpaqueSuffix(since, end))) {
            throw new CouchException(400, "bad_request", "Malformed sequence supplied in 'since' parameter.");
        }
        return Long.parseLong(since, 0, end, 10);
    }

    /** Whether {@code since} goes on from {@code dash} with a dash and base64url characters. */
    private static boolean isOpaqueSuffix(String since, int dash) {
        if (since.charAt(dash) != '-' || dash == since.length() - 1) {
            return false;
        }
        for (int i = dash + 1; i < since.length(); i++) {
            char c = since.charAt(i);
            boolean base64url =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses keys that are no text: a lone surrogate, which a JSON escape can make but UTF-8
     * cannot carry, answers as CouchDB answers a key it cannot decode.
     */
    public static void checkKeys(AllDocsQuery q) {
        boolean valid = (q.startKey() == null || DocIds.isUnicode(q.startKey()))
                && (q.endKey() == null || DocIds.isUnicode(q.endKey()))
                && (q.keys() == null || q.keys().stream().allMatch(k -> k != null && DocIds.isUnicode(k)));
        if (!valid) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
    }
}
