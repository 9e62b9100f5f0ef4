package dev.hearth.apps;

import org.jspecify.annotations.Nullable;
import org.osgi.dto.DTO;

/**
 * An app bundle the extender did not deploy, as {@link AppRuntime} reports it; nothing is
 * registered for it. A snapshot the caller may keep or change.
 */
public class FailedAppDTO extends DTO {
    /** The bundle has the app header but does not require the apps extender capability. */
    public static final String NOT_REQUIRING_EXTENDER = "NOT_REQUIRING_EXTENDER";

    /** The app header does not name a {@code manifest.webapp} or {@code manifest.konnector} file. */
    public static final String BAD_HEADER = "BAD_HEADER";

    /** There is no file at the path the app header names. */
    public static final String NO_MANIFEST = "NO_MANIFEST";

    /** The manifest is larger than 2 MiB (Cozy's limit). */
    public static final String MANIFEST_TOO_LARGE = "MANIFEST_TOO_LARGE";

    /** The manifest is not a JSON object. */
    public static final String INVALID_JSON = "INVALID_JSON";

    /** The slug is missing or not made of lowercase letters, digits and dashes. */
    public static final String INVALID_SLUG = "INVALID_SLUG";

    /** The manifest's {@code type} contradicts its file name. */
    public static final String TYPE_MISMATCH = "TYPE_MISMATCH";

    /** Another field is malformed; the message names it. */
    public static final String INVALID_MANIFEST = "INVALID_MANIFEST";

    /**
     * A JSON Schema the app ships ({@code schemas/<doctype>.json}) cannot be enforced: malformed,
     * outside the supported subset, or for a doctype the manifest does not declare; the message
     * names the file and the fault.
     *
     * @since 1.2
     */
    public static final String INVALID_SCHEMA = "INVALID_SCHEMA";

    /** A bundle of another symbolic name holds the slug for this type of app; the message names it. */
    public static final String DUPLICATE_SLUG = "DUPLICATE_SLUG";

    /**
     * A higher version of the same bundle deploys the same app version (manifest {@code version});
     * this one waits in case it goes.
     */
    public static final String SUPERSEDED = "SUPERSEDED";

    /** Registering the app's services failed; the message says why. */
    public static final String REGISTRATION_FAILED = "REGISTRATION_FAILED";

    /** The id of the bundle. */
    public long bundleId;

    /** The symbolic name of the bundle. */
    public String symbolicName = "";

    /** The slug its manifest gives, when it could be read. */
    public @Nullable String slug;

    /** Why it was refused: one of the constants of this class. */
    public String reason = "";

    /** What exactly is wrong, for people. */
    public String message = "";
}
