package dev.hearth.apps.internal.manifest;

import dev.hearth.apps.FailedAppDTO;
import org.jspecify.annotations.Nullable;

/**
 * Why an app bundle's manifest cannot be used: a reason code of {@link FailedAppDTO}, the field at
 * fault (as a path such as {@code routes./public.folder}) when one is, and the slug once known.
 */
public final class ManifestException extends Exception {
    private final String reason;
    private final @Nullable String field;
    private final @Nullable String slug;

    private ManifestException(String reason, @Nullable String field, @Nullable String slug, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.slug = slug;
    }

    /** A failure that no single field explains (no manifest, not JSON, too large). */
    public static ManifestException of(String reason, String message) {
        return new ManifestException(reason, null, null, message);
    }

    /** A failure of one field; the message says what was expected of it. */
    public static ManifestException field(String reason, String field, String expected) {
        return new ManifestException(reason, field, null, "manifest field '" + field + "' " + expected);
    }

    /** {@link FailedAppDTO#INVALID_MANIFEST} for {@code field}. */
    static ManifestException invalid(String field, String expected) {
        return field(FailedAppDTO.INVALID_MANIFEST, field, expected);
    }

    /** This failure, for the app whose manifest gives {@code knownSlug}. */
    ManifestException withSlug(String knownSlug) {
        ManifestException copy = new ManifestException(reason, field, knownSlug, getMessage());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** One of the reason codes of {@link FailedAppDTO}. */
    public String reason() {
        return reason;
    }

    /** The field at fault, when one is. */
    public @Nullable String field() {
        return field;
    }

    /** The slug the manifest gives, when it was read before the failure. */
    public @Nullable String slug() {
        return slug;
    }
}
