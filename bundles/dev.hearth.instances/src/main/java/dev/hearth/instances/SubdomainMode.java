package dev.hearth.instances;

import java.util.Locale;

/**
 * How app hosts are formed from an instance domain: {@code drive.alice.example} (nested) or
 * {@code alice-drive.example} (flat).
 */
public enum SubdomainMode {
    NESTED,
    FLAT;

    /** Parses {@code nested} or {@code flat}, in any case. */
    public static SubdomainMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "nested" -> NESTED;
            case "flat" -> FLAT;
            default -> throw new IllegalArgumentException("subdomains must be 'nested' or 'flat', got '" + value + "'");
        };
    }

    /** The host of app {@code slug} of the instance at {@code domain}. */
    public String appHost(String domain, String slug) {
        if (this == NESTED) {
            return slug + "." + domain;
        }
        int dot = domain.indexOf('.');
        return dot < 0 ? domain + "-" + slug : domain.substring(0, dot) + "-" + slug + domain.substring(dot);
    }
}
