package dev.hearth.apps;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The apps and konnectors installed on each instance. Installing fetches the app's archive, makes
 * it a bundle (one bundle per app version serves every instance), grants the app the permissions
 * of its manifest on the instance and writes its document; updating installs the new version
 * beside the old one and moves the instance to it; uninstalling removes the document and the
 * grant. An app version no instance uses any more is uninstalled from the framework.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s as the Cozy stack answers them: 409
 * when the app is already installed (or when the archive's version of the app is already there,
 * made from another archive), 404 when it is not, 422 on a bad slug or source, 400 when the
 * archive or its manifest is refused (the message says why).
 */
@ProviderType
public interface AppInstallations {

    /** The installation of {@code slug} on the instance, if any. */
    Optional<Installation> find(String domain, AppType type, String slug);

    /** Every app of this type installed on the instance, by slug. */
    List<Installation> list(String domain, AppType type);

    /**
     * Installs an app from {@code source}: a {@code file:} URI of an archive ({@code tar.gz},
     * {@code tar} or {@code zip}), an {@code http(s):} URL of one (its SHA-256 as the fragment, when
     * given, is checked), or a {@code registry://<slug>[/<channel>][/<version>]} version found in
     * the registries of the instance's context. Downloads are bounded in size (413) and time (504),
     * and a checksum that differs is refused (422), with nothing installed.
     *
     * @return the installation, ready
     */
    Installation install(String domain, AppType type, String slug, String source);

    /**
     * Updates an installed app from {@code source}, or from the source it was installed or last
     * updated from when {@code source} is null. When the new version asks for other permissions
     * than the app has and {@code permissionsAcked} is false, the app is not updated: its document
     * names the new version as {@code available_version} (and the source, for the next update),
     * as Cozy does. When the source gives the installed version from the same archive, nothing
     * changes.
     *
     * @return the installation: updated, or as it is with the version that waits
     * @since 1.1
     */
    Installation update(String domain, AppType type, String slug, @Nullable String source, boolean permissionsAcked);

    /**
     * Uninstalls an app from the instance.
     *
     * @return the installation as it was
     */
    Installation uninstall(String domain, AppType type, String slug);
}
