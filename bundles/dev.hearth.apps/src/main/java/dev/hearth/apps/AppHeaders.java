package dev.hearth.apps;

/**
 * The names that make up the app bundle format and the extender's services, in one place for the
 * extender, app authors' tools and the installer that wraps Cozy archives into bundles.
 *
 * <p>An app bundle carries the header {@value #APP} (the path of its manifest inside the bundle)
 * and requires the extender: {@code Require-Capability: }{@value #REQUIRE_CAPABILITY}.
 */
public final class AppHeaders {
    /**
     * The manifest header that makes a bundle an app: the path of {@code manifest.webapp} or {@code
     * manifest.konnector} inside the bundle ({@code www/manifest.webapp}). The app's files are the
     * folder of that manifest.
     */
    public static final String APP = "Hearth-App";

    /** The name of the extender, in the {@code osgi.extender} namespace. */
    public static final String EXTENDER = "dev.hearth.apps";

    /** The version of the app bundle format this extender provides. */
    public static final String EXTENDER_VERSION = "1.0.0";

    /** The {@code Require-Capability} value an app bundle declares to be deployed by this extender. */
    public static final String REQUIRE_CAPABILITY =
            "osgi.extender;filter:=\"(&(osgi.extender=dev.hearth.apps)(version>=1.0)(!(version>=2.0)))\"";

    /** Service property of every service registered for an app: its slug. */
    public static final String SLUG = "hearth.app.slug";

    /** Service property of every service registered for an app: {@code webapp} or {@code konnector}. */
    public static final String TYPE = "hearth.app.type";

    /** Service property of every service registered for an app: the manifest's version. */
    public static final String VERSION = "hearth.app.version";

    private AppHeaders() {}
}
