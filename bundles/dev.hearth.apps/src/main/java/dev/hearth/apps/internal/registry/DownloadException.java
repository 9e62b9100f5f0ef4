package dev.hearth.apps.internal.registry;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.HearthException;
import java.io.IOException;
import java.io.Serial;

/** A download that failed, with why: the caller tells the client in its own terms. */
public final class DownloadException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why a download failed. */
    public enum Kind {
        /** No connection, a broken one, or an answer other than 200. */
        UNREACHABLE,
        /** More bytes than allowed, declared or received. */
        TOO_LARGE,
        /** Not done in the time allowed. */
        TIMEOUT,
        /** The bytes do not have the SHA-256 they should. */
        CHECKSUM
    }

    private final Kind kind;

    public DownloadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The error an installation answers: 404, 413, 504 or 422, as the kind says. */
    public HearthException toApiError() {
        return switch (kind) {
            case UNREACHABLE -> new ApiException(404, "Not Found", getMessage(), "Source", null);
            case TOO_LARGE -> ApiException.tooLarge(getMessage());
            case TIMEOUT -> new ApiException(504, "Gateway Timeout", getMessage(), "Source", null);
            case CHECKSUM -> new ApiException(422, "Unprocessable Entity", getMessage(), "Source", null);
        };
    }
}
