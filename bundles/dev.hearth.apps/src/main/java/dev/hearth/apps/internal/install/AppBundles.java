package dev.hearth.apps.internal.install;

import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.DeployedApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework side of the repository: each jar of {@code <data-dir>/apps/} installed as a
 * bundle at the location {@code hearth-app:<jar name>}, so the bundle of a jar is found by its
 * name, and what the extender made of it.
 */
final class AppBundles {
    private static final Logger LOG = LoggerFactory.getLogger(AppBundles.class);
    static final String LOCATION = "hearth-app:";
    /** The header the archive converter writes: the SHA-256 of the archive the jar was made from. */
    static final String SHA256 = "Hearth-App-Sha256";

    private final BundleContext context;
    private final AppRuntime runtime;

    AppBundles(BundleContext context, AppRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
    }

    /** The bundle installed from the jar of this name, if any. */
    Optional<Bundle> installed(String jar) {
        return Optional.ofNullable(context.getBundle(LOCATION + jar));
    }

    /** The jar names of every bundle installed from the repository. */
    List<String> installedJars() {
        return Arrays.stream(context.getBundles())
                .map(Bundle::getLocation)
                .filter(location -> location.startsWith(LOCATION))
                .map(location -> location.substring(LOCATION.length()))
                .toList();
    }

    /** Installs and starts the jar; the extender deploys its app before this returns. */
    Bundle install(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle bundle = context.installBundle(LOCATION + jar.getFileName(), in);
            bundle.start();
            LOG.info("App bundle {} {} installed", bundle.getSymbolicName(), bundle.getVersion());
            return bundle;
        } catch (BundleException e) {
            throw new IOException("The framework refused " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Uninstalls the bundle: its app is withdrawn before this returns. */
    void uninstall(Bundle bundle) {
        String location = bundle.getLocation();
        try {
            bundle.uninstall();
            LOG.info("App bundle {} {} uninstalled", bundle.getSymbolicName(), bundle.getVersion());
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Cannot uninstall the app bundle {}: {}", location, e.getMessage());
        }
    }

    /** The checksum of the archive the bundle was made from, as its header says. */
    static @Nullable String checksum(Bundle bundle) {
        return bundle.getHeaders("").get(SHA256);
    }

    /** The app the extender deployed from the bundle, if it did. */
    Optional<DeployedApp> deployed(Bundle bundle, String slug) {
        try {
            Collection<ServiceReference<DeployedApp>> refs =
                    context.getServiceReferences(DeployedApp.class, "(" + AppHeaders.SLUG + "=" + slug + ")");
            return refs.stream()
                    .filter(r -> r.getBundle() != null && r.getBundle().getBundleId() == bundle.getBundleId())
                    .findFirst()
                    .map(context::getService);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Invalid slug " + slug, e);
        }
    }

    /** Why the extender did not deploy the bundle, as its runtime recorded it. */
    String refusal(Bundle bundle) {
        return runtime.failedApps().stream()
                .filter(f -> f.bundleId == bundle.getBundleId())
                .map(f -> f.reason + ": " + f.message)
                .findFirst()
                .orElse("the app did not start");
    }
}
