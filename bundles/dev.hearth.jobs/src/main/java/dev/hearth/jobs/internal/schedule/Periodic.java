package dev.hearth.jobs.internal.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * {@code @hourly}, {@code @daily}, {@code @weekly} and {@code @monthly}, with Cozy's optional
 * constraints: {@code before 5am}, {@code after 10pm}, {@code between 8am and 6pm}, {@code on
 * monday}, {@code on mon,wed,fri}, {@code on wed-fri}, {@code on weekday|weekend} and, for
 * {@code @monthly}, {@code on the 1-5}. The slot inside what the constraints allow (the minute,
 * the hour, the day of the week or of the month) is drawn from a seed, so that one trigger keeps
 * its slot for its whole life while different triggers spread over the allowed window. All times
 * are UTC. A monthly day past the end of a short month fires on that month's last day.
 */
public final class Periodic implements Schedule {
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final String description;
    private final @Nullable CronSpec cron;
    private final int monthDay;
    private final int hour;
    private final int minute;

    private Periodic(String description, @Nullable CronSpec cron, int monthDay, int hour, int minute) {
        this.description = description;
        this.cron = cron;
        this.monthDay = monthDay;
        this.hour = hour;
        this.minute = minute;
    }

    /**
     * The schedule of a periodic trigger.
     *
     * @param type {@code @hourly}, {@code @daily}, {@code @weekly} or {@code @monthly}
     * @param seed chooses the slot; the same seed gives the same slot
     * @throws TriggerSyntaxException naming the constraint that does not parse
     */
    public static Periodic parse(String type, String arguments, long seed) {
        Constraints c = Constraints.parse(type, arguments);
        SplittableRandom random = new SplittableRandom(seed);
        int minute = random.nextInt(60);
        int hour = c.hourFrom + random.nextInt(c.hourTo - c.hourFrom);
        return switch (type) {
            case "@hourly" -> new Periodic(type, CronSpec.parse("0 " + minute + " * * * *"), 0, 0, minute);
            case "@daily" -> new Periodic(type, cron(minute, hour, c.days), 0, hour, minute);
            case "@weekly" -> {
                int day = c.days.get(random.nextInt(c.days.size()));
                yield new Periodic(type, cron(minute, hour, List.of(day)), 0, hour, minute);
            }
            default -> {
                int day = c.monthDayFrom + random.nextInt(c.monthDayTo - c.monthDayFrom + 1);
                yield new Periodic(type, null, day, hour, minute);
            }
        };
    }

    private static CronSpec cron(int minute, int hour, List<Integer> days) {
        StringBuilder dow = new StringBuilder();
        for (int d : days) {
            dow.append(dow.isEmpty() ? "" : ",").append(d);
        }
        return CronSpec.parse("0 " + minute + " " + hour + " * * " + dow);
    }

    @Override
    public @Nullable Instant next(Instant after) {
        if (cron != null) {
            return cron.next(after);
        }
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC);
        YearMonth month = YearMonth.from(t);
        for (int i = 0; i < 3; i++, month = month.plusMonths(1)) {
            int day = Math.min(monthDay, month.lengthOfMonth());
            LocalDateTime candidate = month.atDay(day).atTime(hour, minute);
            if (candidate.isAfter(t)) {
                return candidate.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    /** The chosen slot, for logs and tests: a cron line or {@code day D at H:M}. */
    @Override
    public String toString() {
        return description + " " + (cron != null ? cron.toString() : "day " + monthDay + " at " + hour + ":" + minute);
    }

    /** What the arguments allow. */
    private static final class Constraints {
        int hourFrom = 0;
        int hourTo = 24;
        List<Integer> days = List.of(0, 1, 2, 3, 4, 5, 6);
        int monthDayFrom = 1;
        int monthDayTo = 28;

        static Constraints parse(String type, String arguments) {
            Constraints c = new Constraints();
            String[] words = arguments.trim().toLowerCase(Locale.ROOT).split("\\s+");
            int i = arguments.isBlank() ? words.length : 0;
            while (i < words.length) {
                String word = words[i];
                if (type.equals("@hourly")) {
                    throw new TriggerSyntaxException("@hourly takes no constraint, got \"" + word + "\"");
                }
                switch (word) {
                    case "before" -> {
                        c.hourTo = hour(arg(words, i + 1, word), false);
                        i += 2;
                    }
                    case "after" -> {
                        c.hourFrom = hour(arg(words, i + 1, word), false);
                        i += 2;
                    }
                    case "between" -> {
                        c.hourFrom = hour(arg(words, i + 1, word), false);
                        if (!"and".equals(arg(words, i + 2, "between " + words[i + 1]))) {
                            throw new TriggerSyntaxException("expected \"and\" after \"between " + words[i + 1]
                                    + "\", got \"" + words[i + 2] + "\"");
                        }
                        c.hourTo = hour(arg(words, i + 3, "and"), true);
                        i += 4;
                    }
                    case "on" -> i = c.on(type, words, i);
                    default -> throw new TriggerSyntaxException("unknown constraint \"" + word + "\" in " + type);
                }
            }
            if (c.hourFrom >= c.hourTo) {
                throw new TriggerSyntaxException("no hour is left in \"" + arguments.trim() + "\"");
            }
            return c;
        }

        private int on(String type, String[] words, int i) {
            String value = arg(words, i + 1, "on");
            if (type.equals("@monthly")) {
                if (!value.equals("the")) {
                    throw new TriggerSyntaxException(
                            "@monthly takes \"on the D\" or \"on the D-D\", got \"on " + value + "\"");
                }
                String range = arg(words, i + 2, "on the");
                int dash = range.indexOf('-');
                monthDayFrom = monthDay(dash < 0 ? range : range.substring(0, dash));
                monthDayTo = dash < 0 ? monthDayFrom : monthDay(range.substring(dash + 1));
                if (monthDayTo < monthDayFrom) {
                    throw new TriggerSyntaxException("the days \"" + range + "\" end before they start");
                }
                return i + 3;
            }
            days = days(value);
            return i + 2;
        }

        private static String arg(String[] words, int i, String after) {
            if (i >= words.length) {
                throw new TriggerSyntaxException("missing value after \"" + after + "\"");
            }
            return words[i];
        }

        /** {@code 5am}, {@code 10pm}, {@code 12am} (midnight), {@code 17}; {@code end} allows 24. */
        static int hour(String word, boolean end) {
            String digits = word.replaceAll("(am|pm|h)$", "");
            if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
                throw new TriggerSyntaxException("\"" + word + "\" is not an hour (such as 5am, 10pm or 17)");
            }
            int h = Integer.parseInt(digits);
            boolean am = word.endsWith("am");
            boolean pm = word.endsWith("pm");
            if ((am || pm) && (h < 1 || h > 12) || h > (end ? 24 : 23)) {
                throw new TriggerSyntaxException("\"" + word + "\" is not an hour (such as 5am, 10pm or 17)");
            }
            if (am || pm) {
                h = h % 12 + (pm ? 12 : 0);
            }
            return end && h == 0 ? 24 : h;
        }

        private static int monthDay(String word) {
            if (word.isEmpty()
                    || word.length() > 2
                    || !word.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(word) < 1
                    || Integer.parseInt(word) > 31) {
                throw new TriggerSyntaxException("\"" + word + "\" is not a day of the month (1-31)");
            }
            return Integer.parseInt(word);
        }

        static List<Integer> days(String value) {
            List<Integer> out = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                switch (item) {
                    case "weekday" -> out.addAll(List.of(1, 2, 3, 4, 5));
                    case "weekend" -> out.addAll(List.of(6, 0));
                    default -> {
                        int dash = item.indexOf('-');
                        int from = day(dash < 0 ? item : item.substring(0, dash));
                        int to = dash < 0 ? from : day(item.substring(dash + 1));
                        for (int d = from; ; d = (d + 1) % 7) {
                            out.add(d);
                            if (d == to) {
                                break;
                            }
                        }
                    }
                }
            }
            return out.stream().distinct().sorted().toList();
        }

        private static int day(String word) {
            int d = word.length() >= 3 ? DAYS.indexOf(word.substring(0, 3)) : -1;
            String full = d < 0
                    ? ""
                    : List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
                            .get(d);
            if (d < 0 || !full.startsWith(word)) {
                throw new TriggerSyntaxException("\"" + word + "\" is not a day of the week");
            }
            return d;
        }
    }
}
