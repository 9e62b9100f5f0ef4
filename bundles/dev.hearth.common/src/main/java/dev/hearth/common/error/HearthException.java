package dev.hearth.common.error;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Base of every error that Hearth reports to a client.
 *
 * <p>Subclasses say what the client gets: {@link ApiException} is rendered as a JSON:API error
 * object, {@link StatusException} as a bare message, {@link CouchException} as a CouchDB error. The
 * web layer chooses the final format from the exception type and the HTTP area, in one place. An
 * error whose wire format is fixed by another standard (OAuth's) overrides {@link #body()}.
 */
public abstract class HearthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    protected HearthException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    /** The HTTP status code of this error. */
    public int status() {
        return status;
    }

    /** Response headers this error adds (such as {@code WWW-Authenticate}); empty by default. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /**
     * The JSON body this error is answered with whatever the area's error format, or null (the
     * default) to let the area's format decide.
     */
    public @Nullable Object body() {
        return null;
    }
}
