package dev.hearth.apps.archive;

/**
 * The two kinds of Cozy apps. The kind is decided by the manifest's file name, as Cozy does; the
 * manifest's own {@code type} field may only confirm it.
 */
public enum AppType {
    /** A web app, described by {@code manifest.webapp}. */
    WEBAPP("webapp", "manifest.webapp", "hearth.app."),
    /** A konnector, described by {@code manifest.konnector}. */
    KONNECTOR("konnector", "manifest.konnector", "hearth.konnector.");

    private final String id;
    private final String manifestName;
    private final String symbolicNamePrefix;

    AppType(String id, String manifestName, String symbolicNamePrefix) {
        this.id = id;
        this.manifestName = manifestName;
        this.symbolicNamePrefix = symbolicNamePrefix;
    }

    /** The value of the manifest's {@code type} field for this kind: {@code webapp} or {@code konnector}. */
    public String id() {
        return id;
    }

    /** The manifest's file name at the app's root: {@code manifest.webapp} or {@code manifest.konnector}. */
    public String manifestName() {
        return manifestName;
    }

    /**
     * The bundle symbolic name of an app of this kind, {@code hearth.app.<slug>} or {@code
     * hearth.konnector.<slug>}: distinct prefixes keep a webapp and a konnector with the same slug
     * (Cozy allows both) from colliding in the framework.
     */
    public String symbolicName(String slug) {
        return symbolicNamePrefix + slug;
    }
}
