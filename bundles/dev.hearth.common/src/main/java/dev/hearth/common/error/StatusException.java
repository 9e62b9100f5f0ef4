package dev.hearth.common.error;

/**
 * An error that is only a status and a message, such as an authentication or permission failure.
 * Clients get {@code {"error":"<message>"}} (or the same message as HTML or plain text, depending
 * on what they accept). Clients match these messages as substrings, so keep them exact.
 */
public final class StatusException extends HearthException {
    private static final long serialVersionUID = 1L;

    public StatusException(int status, String message) {
        super(status, message, null);
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
