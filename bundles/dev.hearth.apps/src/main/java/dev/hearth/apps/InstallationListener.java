package dev.hearth.apps;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told by the installer, synchronously, of every install, update and uninstall of an app on an
 * instance, before the document of the installation is written (or deleted) and before the
 * operation answers, as cozy-stack creates and deletes the triggers of a webapp's services within
 * its install. Registered as a whiteboard service; called in no particular order, under the lock
 * of the app on the instance.
 *
 * <p>A listener that throws fails the operation: the installer undoes what it did (an install is
 * undone with {@link #uninstalled} on every listener, an update restored with {@link #updated} and
 * the manifest of the version left in place) and the caller gets the exception, an {@link
 * dev.hearth.common.error.ApiException} when it says why. A listener is therefore idempotent:
 * called twice with the same manifest, it ends in the same state.
 *
 * @since 1.2
 */
@ConsumerType
public interface InstallationListener {

    /** The app is being installed with this manifest; its document is not written yet. */
    void installed(String domain, AppType type, String slug, AppManifest manifest);

    /** The app moves to the version of this manifest (or back to it, when an update is undone). */
    void updated(String domain, AppType type, String slug, AppManifest manifest);

    /** The app is being uninstalled (or its install undone); its document is not deleted yet. */
    void uninstalled(String domain, AppType type, String slug);
}
