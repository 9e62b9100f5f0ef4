package dev.hearth.datasystem;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one document write: its new revision, or a CouchDB error ({@code conflict},
 * {@code forbidden}, ...) as {@code _bulk_docs} reports it.
 */
public record WriteResult(
        String id,
        @Nullable String rev,
        @Nullable String error,
        @Nullable String reason) {

    public static WriteResult ok(String id, String rev) {
        return new WriteResult(id, rev, null, null);
    }

    public static WriteResult failed(String id, String error, String reason) {
        return new WriteResult(id, null, error, reason);
    }

    public boolean isOk() {
        return error == null;
    }
}
