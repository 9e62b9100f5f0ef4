package dev.hearth.apps;

import java.util.Optional;

/**
 * The two kinds of Cozy apps. The kind of an app bundle comes from the file name of its manifest
 * ({@code manifest.webapp} or {@code manifest.konnector}); a {@code type} written in the manifest
 * must agree with it, as the Cozy stack refuses a konnector installed as a webapp.
 */
public enum AppType {
    /** A web app, served on its own subdomain. */
    WEBAPP("webapp", "manifest.webapp"),
    /** A konnector, run as a job to fetch data from a service. */
    KONNECTOR("konnector", "manifest.konnector");

    private final String value;
    private final String manifestName;

    AppType(String value, String manifestName) {
        this.value = value;
        this.manifestName = manifestName;
    }

    /** The name Cozy uses: {@code webapp} or {@code konnector} (manifest {@code type}, doc types). */
    public String value() {
        return value;
    }

    /** The file name of this kind's manifest: {@code manifest.webapp} or {@code manifest.konnector}. */
    public String manifestName() {
        return manifestName;
    }

    /** The type named {@code value} ({@code webapp}, {@code konnector}), if any. */
    public static Optional<AppType> ofValue(String value) {
        for (AppType t : values()) {
            if (t.value.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type whose manifest file is named {@code fileName} (no folder), if any. */
    public static Optional<AppType> ofManifestName(String fileName) {
        for (AppType t : values()) {
            if (t.manifestName.equals(fileName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
