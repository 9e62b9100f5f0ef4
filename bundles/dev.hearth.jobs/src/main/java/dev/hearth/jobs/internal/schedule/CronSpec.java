package dev.hearth.jobs.internal.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A cron specification with six fields, {@code second minute hour day-of-month month
 * day-of-week}, evaluated in UTC. Each field is {@code *} (or {@code ?} for the two day fields), a
 * value, a range {@code a-b}, any of them with a step {@code /n}, or a comma-separated list of
 * those. Months and days of the week also take their English names ({@code JAN}, {@code MON}).
 * As in classic cron, when both day fields are restricted a day matches either.
 */
public final class CronSpec implements Schedule {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String[] NAMES = {"second", "minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 59, 23, 31, 12, 6};

    private final String text;
    private final long[] masks = new long[6];
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSpec(String text, String[] fields) {
        this.text = text;
        for (int f = 0; f < 6; f++) {
            masks[f] = field(f, fields[f]);
        }
        anyDayOfMonth = isAny(fields[3]);
        anyDayOfWeek = isAny(fields[5]);
    }

    /**
     * Parses a six-field specification.
     *
     * @throws TriggerSyntaxException naming the field that does not parse
     */
    public static CronSpec parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (text.isBlank() || fields.length != 6) {
            throw new TriggerSyntaxException("a cron specification has 6 fields (second minute hour day-of-month "
                    + "month day-of-week), not " + (text.isBlank() ? 0 : fields.length) + ": \"" + text + "\"");
        }
        return new CronSpec(text.trim(), fields);
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static long field(int f, String spec) {
        long mask = 0;
        for (String item : spec.split(",", -1)) {
            mask |= item(f, item);
        }
        return mask;
    }

    private static long item(int f, String item) {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(f, item, item.substring(slash + 1));
            if (step < 1) {
                throw bad(f, item, "the step must be at least 1");
            }
        }
        int low;
        int high;
        if (range.equals("*") || (range.equals("?") && (f == 3 || f == 5))) {
            low = MIN[f];
            high = MAX[f];
        } else {
            int dash = range.indexOf('-');
            low = value(f, item, dash < 0 ? range : range.substring(0, dash));
            high = dash < 0 ? (slash >= 0 ? MAX[f] : low) : value(f, item, range.substring(dash + 1));
            if (high < low) {
                throw bad(f, item, "the range ends before it starts");
            }
        }
        long mask = 0;
        for (int v = low; v <= high; v += step) {
            mask |= 1L << v;
        }
        return mask;
    }

    private static int value(int f, String item, String raw) {
        String upper = raw.toUpperCase(Locale.ROOT);
        int named = f == 4 ? MONTHS.indexOf(upper) : f == 5 ? DAYS.indexOf(upper) : -1;
        int v = named >= 0 ? (f == 4 ? named + 1 : named) : number(f, item, raw);
        if (f == 5 && v == 7) {
            v = 0;
        }
        if (v < MIN[f] || v > MAX[f]) {
            throw bad(f, item, raw + " is out of range " + MIN[f] + "-" + MAX[f]);
        }
        return v;
    }

    private static int number(int f, String item, String raw) {
        if (raw.isEmpty() || raw.length() > 4 || !raw.chars().allMatch(Character::isDigit)) {
            throw bad(f, item, "\"" + raw + "\" is not a number" + (f >= 4 ? " or a name" : ""));
        }
        return Integer.parseInt(raw);
    }

    private static TriggerSyntaxException bad(int f, String item, String why) {
        return new TriggerSyntaxException("invalid " + NAMES[f] + " field \"" + item + "\": " + why);
    }

    private boolean has(int f, int v) {
        return (masks[f] & (1L << v)) != 0;
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = has(3, t.getDayOfMonth());
        boolean dow = has(5, t.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    @Override
    public @Nullable Instant next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        int limit = t.getYear() + 8;
        while (t.getYear() <= limit) {
            if (!has(4, t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!has(2, t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(1, t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!has(0, t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
