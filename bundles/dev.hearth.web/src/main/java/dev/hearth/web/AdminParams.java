package dev.hearth.web;

import dev.hearth.common.error.ApiException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Typed reading of the admin API's query parameters (capitalized, as Cozy's command-line tool
 * sends them), with 422 errors naming the parameter.
 */
public final class AdminParams {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private final Call call;

    public AdminParams(Call call) {
        this.call = call;
    }

    public @Nullable String string(String name) {
        String value = call.query(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String required(String name) {
        String value = string(name);
        if (value == null) {
            throw ApiException.invalidParameter(name, "The " + name + " parameter is required");
        }
        return value;
    }

    public @Nullable Long longValue(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter(name, "The " + name + " parameter must be an integer");
        }
    }

    public int intValue(String name) {
        Long value = longValue(name);
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw ApiException.invalidParameter(name, "The " + name + " parameter is out of range");
        }
        return value == null ? 0 : value.intValue();
    }

    public @Nullable Boolean bool(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw ApiException.invalidParameter(name, "The " + name + " parameter must be true or false");
        };
    }

    /** A Go-style duration such as {@code 90s}, {@code 1h30m}, {@code 10m}; null when absent. */
    public @Nullable Duration duration(String name) {
        return parseDuration(name, string(name));
    }

    static Duration parseDuration(String name, String value) {
        if (value == null || value.equals("0s") || value.equals("0")) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(value);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos += (long) (Double.parseDouble(m.group(1)) * unitNanos(m.group(2)));
            end = m.end();
        }
        if (end != value.length() || end == 0) {
            throw ApiException.invalidParameter(
                    name, "The " + name + " parameter must be a duration such as 30m or 1h");
        }
        return Duration.ofNanos(nanos);
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
