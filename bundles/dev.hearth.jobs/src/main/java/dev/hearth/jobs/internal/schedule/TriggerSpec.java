package dev.hearth.jobs.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A trigger's type and arguments, understood: a time {@link Schedule}, an {@link EventSpec}, or
 * neither ({@code @webhook}, {@code @client}).
 *
 * @param created when the trigger was created: {@code @in} and {@code @every} count from it
 */
public record TriggerSpec(
        String type,
        String arguments,
        @Nullable Schedule schedule,
        @Nullable EventSpec events,
        Instant created) {

    /** The trigger types. */
    public static final Set<String> TYPES = Set.of(
            "@at",
            "@in",
            "@every",
            "@cron",
            "@hourly",
            "@daily",
            "@weekly",
            "@monthly",
            "@event",
            "@webhook",
            "@client");

    /**
     * Parses a trigger.
     *
     * @param seed chooses the slot of periodic triggers (derived from the trigger's id)
     * @throws TriggerSyntaxException naming what does not parse
     */
    public static TriggerSpec parse(String type, String arguments, Instant created, long seed) {
        String args = arguments.trim();
        return switch (type) {
            case "@at" -> new TriggerSpec(type, args, new Once(instant(args)), null, created);
            case "@in" -> new TriggerSpec(type, args, new Once(created.plus(positive(type, args))), null, created);
            case "@every" -> {
                Duration period = positive(type, args);
                if (period.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new TriggerSyntaxException("@every needs a period of at least 1s, got \"" + args + "\"");
                }
                yield new TriggerSpec(type, args, new Every(created, period), null, created);
            }
            case "@cron" -> new TriggerSpec(type, args, CronSpec.parse(args), null, created);
            case "@hourly", "@daily", "@weekly", "@monthly" ->
                new TriggerSpec(type, args, Periodic.parse(type, args, seed), null, created);
            case "@event" -> new TriggerSpec(type, args, null, EventSpec.parse(args), created);
            case "@webhook", "@client" -> {
                if (!args.isEmpty()) {
                    throw new TriggerSyntaxException(type + " takes no arguments, got \"" + args + "\"");
                }
                yield new TriggerSpec(type, args, null, null, created);
            }
            default -> throw new TriggerSyntaxException("unknown trigger type \"" + type + "\"");
        };
    }

    private static Duration positive(String type, String args) {
        Duration d = GoDuration.parse(args);
        if (d.isNegative()) {
            throw new TriggerSyntaxException(type + " needs a positive duration, got \"" + args + "\"");
        }
        return d;
    }

    private static Instant instant(String args) {
        try {
            return OffsetDateTime.parse(args).toInstant();
        } catch (DateTimeParseException e) {
            throw new TriggerSyntaxException("\"" + args + "\" is not an ISO-8601 date and time with an offset "
                    + "(such as 2026-12-24T18:00:00Z)");
        }
    }

    /** The slot seed of a trigger id: stable for the id, spread across ids. */
    public static long seed(String triggerId) {
        long h = 1125899906842597L;
        for (int i = 0; i < triggerId.length(); i++) {
            h = 31 * h + triggerId.charAt(i);
        }
        return h ^ (h >>> 29);
    }
}
