package dev.hearth.apps;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An app deployed from its bundle. The extender registers one such service per app bundle, with
 * the app bundle's own context (so the service goes with the bundle) and the service properties
 * {@value AppHeaders#SLUG}, {@value AppHeaders#TYPE} and {@value AppHeaders#VERSION}.
 */
@ProviderType
public interface DeployedApp {

    /** The app's manifest. */
    AppManifest manifest();

    /** The id of the bundle the app comes from. */
    long bundleId();

    /**
     * A file of the app. {@code path} is relative to the app's folder (a leading {@code /} is
     * ignored); {@code .} and empty segments are dropped and {@code ..} goes up one folder, but
     * never above the app's folder: such a path, a folder, a missing file, and with an app at the
     * bundle's root its {@code META-INF/} and {@code OSGI-INF/}, all give an empty result.
     */
    Optional<AppResource> resource(String path);
}
