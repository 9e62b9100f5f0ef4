package dev.hearth.jobs.http.internal;

import dev.hearth.common.error.ApiException;
import java.time.Duration;

/**
 * The {@code duration} of {@code DELETE /jobs/purge}: a number and a unit, {@code h} (hours),
 * {@code D} (days), {@code W} (weeks), {@code M} (months of 30 days) or {@code Y} (years of 365
 * days), such as {@code 2M}.
 */
final class PurgeAge {
    static final String DEFAULT = "2M";

    private PurgeAge() {}

    static Duration parse(String text) {
        if (text.length() < 2 || text.length() > 8) {
            throw bad(text);
        }
        String digits = text.substring(0, text.length() - 1);
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw bad(text);
        }
        long n = Long.parseLong(digits);
        return switch (text.charAt(text.length() - 1)) {
            case 'h' -> Duration.ofHours(n);
            case 'D', 'd' -> Duration.ofDays(n);
            case 'W', 'w' -> Duration.ofDays(7 * n);
            case 'M' -> Duration.ofDays(30 * n);
            case 'Y', 'y' -> Duration.ofDays(365 * n);
            default -> throw bad(text);
        };
    }

    private static ApiException bad(String text) {
        return ApiException.invalidParameter(
                "duration", "Invalid duration '" + text + "' (such as 2M, 3W, 10D or 12h)");
    }
}
