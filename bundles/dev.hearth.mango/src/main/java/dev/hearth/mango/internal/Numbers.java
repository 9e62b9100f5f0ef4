package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numeric comparison by value, whatever the node's representation. A number's value is its exact
 * decimal value, except that a {@code double} or {@code float} counts as its shortest decimal
 * representation ({@code Double.toString}), so the double 0.1 equals the decimal 0.1. Infinities
 * and NaN (which JSON cannot carry) sort as {@code -Infinity < finite < +Infinity < NaN}.
 */
public final class Numbers {
    /** Class of a number, in order. */
    public enum Kind {
        NEGATIVE_INFINITY,
        FINITE,
        POSITIVE_INFINITY,
        NAN
    }

    private Numbers() {}

    /** Compares two number nodes by value. */
    public static int compare(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a.isDouble() && b.isDouble()) {
            return compareDoubles(a.doubleValue(), b.doubleValue());
        }
        Kind ka = kind(a);
        Kind kb = kind(b);
        if (ka != Kind.FINITE || kb != Kind.FINITE) {
            return Integer.signum(ka.compareTo(kb));
        }
        return Integer.signum(decimal(a).compareTo(decimal(b)));
    }

    private static int compareDoubles(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        if (a == b) {
            return 0; // also -0.0 == 0.0
        }
        return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }

    /** Whether the number is finite, infinite or NaN. */
    public static Kind kind(JsonNode n) {
        if (!n.isDouble() && !n.isFloat()) {
            return Kind.FINITE;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return Kind.NAN;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? Kind.POSITIVE_INFINITY : Kind.NEGATIVE_INFINITY;
        }
        return Kind.FINITE;
    }

    /** The decimal value of a finite number node. */
    public static BigDecimal decimal(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.bigIntegerValue());
        }
        if (n.isDouble()) {
            return new BigDecimal(Double.toString(n.doubleValue()));
        }
        if (n.isFloat()) {
            return new BigDecimal(Float.toString(n.floatValue()));
        }
        return n.decimalValue();
    }

    /** The value of an integral number node (callers check {@code isIntegralNumber()}). */
    public static BigInteger integer(JsonNode n) {
        return n.canConvertToLong() ? BigInteger.valueOf(n.longValue()) : n.bigIntegerValue();
    }
}
