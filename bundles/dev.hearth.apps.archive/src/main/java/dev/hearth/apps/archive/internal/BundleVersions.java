package dev.hearth.apps.archive.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns an app's version, which may be anything a manifest says, into a valid OSGi version:
 * semver's {@code 1.2.3-beta.4} becomes {@code 1.2.3.beta_4}, and a version with no leading number
 * becomes {@code 0.0.0.<sanitized>}, so that every archive still yields an installable bundle.
 * The rule is written out on {@code AppArchives.bundleVersion}.
 */
public final class BundleVersions {
    /** An optional {@code v}, up to three dot-separated numbers, then the rest. */
    private static final Pattern CORE = Pattern.compile("[vV]?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(.*)", Pattern.DOTALL);

    private static final Pattern NOT_QUALIFIER = Pattern.compile("[^A-Za-z0-9_-]");

    /** Digits beyond which a number cannot be an {@code int}, leading zeros aside. */
    private static final int MAX_DIGITS = 10;

    private BundleVersions() {}

    /** The OSGi version for {@code version}. */
    public static String of(String version) {
        Matcher core = CORE.matcher(version);
        if (!core.matches() || !fits(core.group(1)) || !fits(core.group(2)) || !fits(core.group(3))) {
            return withQualifier("0.0.0", version);
        }
        String numbers = number(core.group(1)) + "." + number(core.group(2)) + "." + number(core.group(3));
        String rest = core.group(4);
        if (!rest.isEmpty() && "-+.".indexOf(rest.charAt(0)) >= 0) {
            rest = rest.substring(1);
        }
        return withQualifier(numbers, rest);
    }

    private static String withQualifier(String numbers, String text) {
        return text.isEmpty()
                ? numbers
                : numbers + "." + NOT_QUALIFIER.matcher(text).replaceAll("_");
    }

    private static boolean fits(@Nullable String digits) {
        if (digits == null) {
            return true;
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() <= MAX_DIGITS && Long.parseLong(significant) <= Integer.MAX_VALUE;
    }

    private static int number(@Nullable String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
