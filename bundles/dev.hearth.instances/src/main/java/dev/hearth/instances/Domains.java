package dev.hearth.instances;

import dev.hearth.common.error.ApiException;
import java.util.Locale;

/**
 * Instance domain names: lowercase DNS labels separated by dots, optionally followed by a port
 * ({@code alice.localhost:8080}), as sent in the {@code Host} header.
 */
public final class Domains {
    /** The message Cozy clients know for an illegal domain. */
    public static final String ILLEGAL = "Domain name contains illegal characters";

    private static final int MAX_LENGTH = 253;

    private Domains() {}

    /**
     * Lowercases and validates a domain.
     *
     * @throws ApiException 422 on the {@code domain} parameter when it is not a valid domain
     */
    public static String normalize(String domain) {
        String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (!isValid(d)) {
            throw ApiException.invalidParameter("domain", ILLEGAL);
        }
        return d;
    }

    /** Whether {@code domain} is already a valid, lowercase domain. */
    public static boolean isValid(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
            return false;
        }
        int colon = domain.indexOf(':');
        String host = colon < 0 ? domain : domain.substring(0, colon);
        if (colon >= 0 && !isPort(domain.substring(colon + 1))) {
            return false;
        }
        if (host.isEmpty()) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || port.startsWith("0")) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Integer.parseInt(port) <= 65535;
    }

    /** The folder name of an instance: the domain with its port colon turned into an underscore. */
    public static String folderName(String domain) {
        return domain.replace(':', '_');
    }
}
