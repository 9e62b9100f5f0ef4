package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;

/** The errors of imports, with the statuses the move API answers. */
final class Refusals {
    private Refusals() {}

    /** An archive that cannot be imported: 422 with the reason; nothing was written. */
    static ApiException invalid(String reason) {
        return new ApiException(422, "Unprocessable Entity", "Invalid archive: " + reason, null, null);
    }

    /** An import into an instance that already holds data: 409; nothing was written. */
    static ApiException notEmpty(String what) {
        return new ApiException(
                409,
                "Conflict",
                "The instance is not empty (" + what + "): an archive is imported only into a new instance",
                null,
                null);
    }

    /** A failure once the import had begun writing: what it wrote was removed. */
    static ApiException failed(String reason) {
        return new ApiException(
                422,
                "Unprocessable Entity",
                "The import failed and was undone, the instance is empty: " + reason,
                null,
                null);
    }
}
