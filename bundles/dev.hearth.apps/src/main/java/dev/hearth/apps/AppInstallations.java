package dev.hearth.apps;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The apps and konnectors installed on each instance. Installing fetches the app's archive, makes
 * it a bundle (one bundle per app version serves every instance), grants the app the permissions
 * of its manifest on the instance and writes its document; uninstalling removes the document and
 * the grant.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s as the Cozy stack answers them: 409
 * when the app is already installed, 404 when it is not, 422 on a bad slug or source, 400 when the
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
     * {@code tar} or {@code zip}) for now.
     *
     * @return the installation, ready
     */
    Installation install(String domain, AppType type, String slug, String source);

    /**
     * Uninstalls an app from the instance.
     *
     * @return the installation as it was
     */
    Installation uninstall(String domain, AppType type, String slug);
}
