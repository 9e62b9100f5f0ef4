package dev.hearth.client;

import org.jspecify.annotations.Nullable;

/**
 * A failed operation, with the server's HTTP status (0 when no answer came), its CouchDB-style
 * error name ({@code not_found}, {@code conflict}, {@code no_index}, ...) and reason. Subclasses
 * name the cases a program usually handles.
 */
public class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String reason;

    public ClientException(int status, String error, String reason) {
        this(status, error, reason, null);
    }

    public ClientException(int status, String error, String reason, @Nullable Throwable cause) {
        super(status + " " + error + ": " + reason, cause);
        this.status = status;
        this.error = error;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String reason() {
        return reason;
    }

    /** Turns a status and error into the most precise exception. */
    public static ClientException of(int status, String error, String reason) {
        if (status == 409 || "conflict".equals(error)) {
            return new ConflictException(status, error, reason);
        }
        if (status == 404 || "not_found".equals(error)) {
            return new NotFoundException(status, error, reason);
        }
        if ("no_index".equals(error) || "no_usable_index".equals(error)) {
            return new NoIndexException(status, error, reason);
        }
        String both = error + " " + reason;
        if (status == 401
                || both.contains("Expired token")
                || both.contains("Invalid JWT token")
                || both.contains("Invalid token")) {
            return new AuthenticationException(status, error, reason);
        }
        if (status == 403) {
            return new ForbiddenException(status, error, reason);
        }
        return new ClientException(status, error, reason);
    }

    /** 404: the document, or the doctype's database, does not exist. */
    public static final class NotFoundException extends ClientException {
        private static final long serialVersionUID = 1L;

        public NotFoundException(int status, String error, String reason) {
            super(status, error, reason);
        }
    }

    /** 409: the document changed since the revision the write was based on. */
    public static final class ConflictException extends ClientException {
        private static final long serialVersionUID = 1L;

        public ConflictException(int status, String error, String reason) {
            super(status, error, reason);
        }
    }

    /** The query needs an index that does not exist yet. */
    public static final class NoIndexException extends ClientException {
        private static final long serialVersionUID = 1L;

        public NoIndexException(int status, String error, String reason) {
            super(status, error, reason);
        }
    }

    /** The token is missing, expired or invalid. */
    public static final class AuthenticationException extends ClientException {
        private static final long serialVersionUID = 1L;

        public AuthenticationException(int status, String error, String reason) {
            super(status, error, reason);
        }
    }

    /** 403: the token does not allow this. */
    public static final class ForbiddenException extends ClientException {
        private static final long serialVersionUID = 1L;

        public ForbiddenException(int status, String error, String reason) {
            super(status, error, reason);
        }
    }
}
