package dev.hearth.common.config;

import java.lang.annotation.Annotation;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Checks the attributes of a component's configuration when it activates. A value out of range
 * would otherwise reach the code that uses it: a zero period makes a scheduler throw, the
 * component never activates, and every service that needs it stays down with it. Instead, the
 * attribute's default (from the configuration annotation) is used and one WARN line names the
 * PID, the attribute, the value refused and the default used.
 */
public final class ConfigCheck {
    private final String pid;
    private final Class<? extends Annotation> type;
    private final Logger log;

    /**
     * @param pid the configuration PID, as an administrator knows it
     * @param type the configuration annotation, whose defaults replace bad values
     * @param log the component's logger, where the warnings go
     */
    public ConfigCheck(String pid, Class<? extends Annotation> type, Logger log) {
        this.pid = pid;
        this.type = type;
        this.log = log;
    }

    /** {@code value} when it is at least {@code min}, else the attribute's default. */
    public int atLeast(String attribute, int value, int min) {
        return inRange(attribute, value, min, Integer.MAX_VALUE);
    }

    /** {@code value} when it is within {@code [min, max]}, else the attribute's default. */
    public int inRange(String attribute, int value, int min, int max) {
        if (value >= min && value <= max) {
            return value;
        }
        int fallback = (Integer) defaultOf(attribute);
        String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        log.warn(
                "Configuration {}: {} = {} is out of range (must be {}); using the default {}",
                pid,
                attribute,
                value,
                range,
                fallback);
        return fallback;
    }

    /** {@code value} when it is one of {@code allowed}, else the attribute's default. */
    public String oneOf(String attribute, String value, Set<String> allowed) {
        if (allowed.contains(value)) {
            return value;
        }
        String fallback = (String) defaultOf(attribute);
        log.warn(
                "Configuration {}: {} = '{}' is not one of {}; using the default '{}'",
                pid,
                attribute,
                value,
                allowed.stream().sorted().toList(),
                fallback);
        return fallback;
    }

    private Object defaultOf(String attribute) {
        try {
            Object value = type.getMethod(attribute).getDefaultValue();
            if (value == null) {
                throw new IllegalArgumentException(type.getName() + "." + attribute + " has no default");
            }
            return value;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no attribute " + attribute, e);
        }
    }
}
