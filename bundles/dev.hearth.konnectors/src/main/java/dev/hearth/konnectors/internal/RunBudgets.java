package dev.hearth.konnectors.internal;

import dev.hearth.js.Budgets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The budgets of a worker's runs from its {@link RunConfig}, with the overrides of one slug
 * ({@code slug.budget=value}). Malformed overrides are refused when the configuration is read, so
 * that a typo does not go unnoticed.
 */
final class RunBudgets {
    private static final long MIB = 1L << 20;

    private final RunConfig config;
    private final Map<String, Map<String, Long>> perSlug = new HashMap<>();

    RunBudgets(RunConfig config) {
        this.config = config;
        for (String entry : config.perSlug()) {
            int eq = entry.indexOf('=');
            int dot = eq < 0 ? -1 : entry.lastIndexOf('.', eq);
            if (dot <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("A per-konnector budget is slug.budget=value: " + entry);
            }
            String budget = entry.substring(dot + 1, eq).trim();
            if (!KNOWN.containsKey(budget)) {
                throw new IllegalArgumentException("Unknown budget '" + budget + "' in " + entry);
            }
            long value = Long.parseLong(entry.substring(eq + 1).trim());
            if (value <= 0) {
                throw new IllegalArgumentException("A budget must be positive: " + entry);
            }
            perSlug.computeIfAbsent(entry.substring(0, dot).trim(), s -> new HashMap<>())
                    .put(budget, value);
        }
    }

    private static final Map<String, Boolean> KNOWN = Map.of(
            "cpuSeconds", true,
            "allocatedMegabytes", true,
            "statements", true,
            "outputKilobytes", true,
            "requests", true,
            "requestMegabytes", true,
            "timers", true,
            "hostCallSeconds", true);

    /** The budgets of a run of {@code slug} that may last {@code wallClock}. */
    Budgets of(String slug, Duration wallClock) {
        Map<String, Long> o = perSlug.getOrDefault(slug, Map.of());
        return new Budgets(
                wallClock,
                Duration.ofSeconds(o.getOrDefault("cpuSeconds", (long) config.cpuSeconds())),
                o.getOrDefault("allocatedMegabytes", config.allocatedMegabytes()) * MIB,
                o.getOrDefault("statements", config.statements()),
                o.getOrDefault("outputKilobytes", config.outputKilobytes()) * 1024,
                Math.toIntExact(o.getOrDefault("requests", (long) config.requests())),
                o.getOrDefault("requestMegabytes", config.requestMegabytes()) * MIB,
                Math.toIntExact(o.getOrDefault("timers", (long) config.timers())),
                Duration.ofSeconds(o.getOrDefault("hostCallSeconds", (long) config.hostCallSeconds())));
    }
}
