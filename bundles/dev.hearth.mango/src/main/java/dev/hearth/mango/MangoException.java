package dev.hearth.mango;

import java.io.Serial;

/**
 * An invalid Mango request (selector, sort or fields): the message is the CouchDB-style reason
 * that belongs in a 400 {@code {"error": ..., "reason": ...}} response.
 */
public final class MangoException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String error;

    /**
     * Creates an exception.
     *
     * @param error CouchDB's short error name, such as {@code invalid_operator} or {@code bad_arg}
     * @param reason the human-readable reason
     */
    public MangoException(String error, String reason) {
        super(reason);
        this.error = error;
    }

    /** CouchDB's short error name for this problem, such as {@code bad_arg}. */
    public String error() {
        return error;
    }

    /** The human-readable reason (the same as {@link #getMessage()}). */
    public String reason() {
        String message = getMessage();
        return message == null ? error : message;
    }
}
