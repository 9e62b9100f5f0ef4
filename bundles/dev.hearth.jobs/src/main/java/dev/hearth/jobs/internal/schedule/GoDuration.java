package dev.hearth.jobs.internal.schedule;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations in the syntax Cozy's triggers use (Go's): a sequence of decimal numbers, each with an
 * optional fraction and a unit ({@code ns us µs ms s m h}), such as {@code 1h30m} or {@code 1.5h};
 * a lone {@code 0} is zero.
 */
public final class GoDuration {
    private GoDuration() {}

    /**
     * Parses {@code text}.
     *
     * @throws TriggerSyntaxException naming the part that is not a duration
     */
    public static Duration parse(String text) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new TriggerSyntaxException("empty duration");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i || s.substring(start, i).equals(".")) {
                throw new TriggerSyntaxException("invalid duration \"" + text + "\" at \"" + s.substring(start) + "\"");
            }
            BigDecimal number = new BigDecimal(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(unitNanos(text, unit))));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new TriggerSyntaxException("duration \"" + text + "\" is too long");
        }
        return Duration.ofNanos(negative ? -nanos.longValue() : nanos.longValue());
    }

    private static long unitNanos(String text, String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "" -> throw new TriggerSyntaxException("missing unit in duration \"" + text + "\"");
            default -> throw new TriggerSyntaxException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
        };
    }
}
