package dev.hearth.jobs.files.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Ages written as a sum of days, hours, minutes and seconds: {@code 30d}, {@code 720h}, {@code 1d12h}. */
final class Ages {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");

    private Ages() {}

    static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an age is needed, such as 30d or 720h");
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    });
            at = m.end();
        }
        if (at != s.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an age such as 30d, 720h or 1d12h");
        }
        return total;
    }

    /** The age, or null when the text is blank (no age configured). */
    static @Nullable Duration parseOrNull(String text) {
        return text.isBlank() ? null : parse(text);
    }
}
