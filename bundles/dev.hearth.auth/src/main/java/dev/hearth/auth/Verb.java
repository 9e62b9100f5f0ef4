package dev.hearth.auth;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The verbs a permission rule grants: a subset of the HTTP methods. */
public enum Verb {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE;

    /** The verb an HTTP method needs ({@code HEAD} needs {@code GET}), or null for other methods. */
    public static @Nullable Verb ofMethod(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> GET;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "PATCH" -> PATCH;
            case "DELETE" -> DELETE;
            default -> null;
        };
    }
}
