package dev.hearth.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that is only a status and a message, such as an authentication or permission failure.
 * Clients get {@code {"error":"<message>"}} (or the same message as HTML or plain text, depending
 * on what they accept). Clients match these messages as substrings, so keep them exact.
 */
public final class StatusException extends HearthException {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> headers;

    public StatusException(int status, String message) {
        this(status, message, Map.of());
    }

    private StatusException(int status, String message, Map<String, String> headers) {
        super(status, message, null);
        this.headers = headers;
    }

    /** This error with one more response header. */
    public StatusException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new StatusException(status(), getMessage(), Map.copyOf(more));
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    public static StatusException badRequest(String message) {
        return new StatusException(400, message);
    }

    public static StatusException unauthorized(String message) {
        return new StatusException(401, message);
    }

    public static StatusException forbidden(String message) {
        return new StatusException(403, message);
    }

    public static StatusException notFound(String message) {
        return new StatusException(404, message);
    }
}
