package dev.hearth.apps.internal.install;

import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.archive.AppArchives;
import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import dev.hearth.common.error.ApiException;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app bundles made from archives, kept as jars in {@code <data-dir>/apps/} (one per app
 * version, shared by every instance) and installed in the framework from there. The framework's
 * cache is cleared at each start, so the repository installs its jars again when it activates.
 */
@Component(service = AppRepository.class)
public final class AppRepository {
    private static final Logger LOG = LoggerFactory.getLogger(AppRepository.class);
    static final String LOCATION = "hearth-app:";

    private final BundleContext context;
    private final AppRuntime runtime;
    private final Path folder;
    private final Limits limits = Limits.defaults();

    @Activate
    public AppRepository(BundleContext context, @Reference InstanceService instances, @Reference AppRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
        this.folder = instances.dataDirectory().resolve("apps");
        installAll();
    }

    /**
     * The app of {@code archive}, deployed: made a bundle and started unless the same version is
     * already there.
     *
     * @param slug the slug the archive must have
     * @throws ApiException 400 when the archive or the app is refused, with the reason
     */
    public synchronized DeployedApp deploy(InputStream archive, String slug) {
        Path incoming = null;
        try {
            Files.createDirectories(folder);
            incoming = Files.createTempFile(folder, "incoming-", ".tmp");
            AppBundle made = AppArchives.convert(archive, slug, limits, incoming);
            String name = made.symbolicName() + "-" + made.bundleVersion() + ".jar";
            Optional<Bundle> present = installed(name);
            if (present.isPresent()) {
                return deployed(present.get(), slug, false);
            }
            Path jar = folder.resolve(name);
            Files.move(incoming, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return deployed(install(jar), slug, true);
        } catch (ArchiveException e) {
            throw ApiException.badRequest("The archive is refused (" + e.reason() + "): " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the app " + slug, e);
        } finally {
            deleteQuietly(incoming);
        }
    }

    /** The deployed app of {@code bundle}; a bundle the extender refused is removed again. */
    private DeployedApp deployed(Bundle bundle, String slug, boolean fresh) {
        Optional<DeployedApp> app = deployedBy(bundle, slug);
        if (app.isPresent()) {
            return app.get();
        }
        String reason = runtime.failedApps().stream()
                .filter(f -> f.bundleId == bundle.getBundleId())
                .map(f -> f.reason + ": " + f.message)
                .findFirst()
                .orElse("the app did not start");
        if (fresh) {
            remove(bundle);
        }
        throw ApiException.badRequest("The app is refused (" + reason + ")");
    }

    private Optional<DeployedApp> deployedBy(Bundle bundle, String slug) {
        try {
            Collection<ServiceReference<DeployedApp>> refs =
                    context.getServiceReferences(DeployedApp.class, "(" + AppHeaders.SLUG + "=" + slug + ")");
            return refs.stream()
                    .filter(r -> r.getBundle() != null && r.getBundle().getBundleId() == bundle.getBundleId())
                    .findFirst()
                    .map(context::getService);
        } catch (InvalidSyntaxException e) {
            throw ApiException.invalidParameter("slug", "Invalid slug");
        }
    }

    private Bundle install(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle bundle = context.installBundle(LOCATION + jar.getFileName(), in);
            bundle.start();
            LOG.info("App bundle {} {} installed", bundle.getSymbolicName(), bundle.getVersion());
            return bundle;
        } catch (BundleException e) {
            throw new IOException("The framework refused " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private void remove(Bundle bundle) {
        String location = bundle.getLocation();
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            LOG.warn("Cannot uninstall the refused app bundle {}: {}", location, e.getMessage());
        }
        deleteQuietly(folder.resolve(location.substring(LOCATION.length())));
    }

    private Optional<Bundle> installed(String jarName) {
        return Optional.ofNullable(context.getBundle(LOCATION + jarName));
    }

    /** Installs the jars kept from earlier runs; one that fails is logged and left out. */
    private void installAll() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                if (installed(jar.getFileName().toString()).isEmpty()) {
                    try {
                        install(jar);
                    } catch (IOException e) {
                        LOG.warn("App bundle {} not installed: {}", jar.getFileName(), e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the app bundles in {}: {}", folder, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.toString());
        }
    }
}
