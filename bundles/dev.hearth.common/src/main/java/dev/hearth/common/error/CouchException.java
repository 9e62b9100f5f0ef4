package dev.hearth.common.error;

/**
 * A CouchDB-style error: an error name such as {@code not_found} or {@code conflict} and a reason.
 * The {@code /data} API renders it as {@code {"ok":false,"status":"404","error":"not_found",
 * "reason":"missing"}}; other areas as a JSON:API error titled with the error name.
 */
public final class CouchException extends HearthException {
    private static final long serialVersionUID = 1L;
    private final String error;

    public CouchException(int status, String error, String reason) {
        super(status, reason, null);
        this.error = error;
    }

    /** The CouchDB error name, such as {@code not_found}. */
    public String error() {
        return error;
    }

    /** The CouchDB reason, such as {@code missing}. */
    public String reason() {
        return getMessage();
    }
}
