package dev.hearth.apps.internal;

import dev.hearth.apps.AppDTO;
import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.DoctypeContribution;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.dto.ServiceReferenceDTO;

/**
 * What one app bundle contributed: the services registered for it, all with the app bundle's own
 * context, so that the framework removes them with the bundle even if the extender fails to.
 * {@link #close()} unregisters them all.
 */
final class AppDeployment {
    private final AppCandidate candidate;
    private final List<ServiceRegistration<?>> registrations;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppDeployment(AppCandidate candidate, List<ServiceRegistration<?>> registrations) {
        this.candidate = candidate;
        this.registrations = List.copyOf(registrations);
    }

    /**
     * Registers the app's services: its {@link DeployedApp} and its {@link DoctypeContribution}.
     *
     * @throws IllegalStateException when the bundle is no longer starting or active; what was
     *     registered before the failure is unregistered
     */
    static AppDeployment open(AppCandidate candidate) {
        BundleContext context = candidate.bundle().getBundleContext();
        if (context == null) {
            throw new IllegalStateException("the bundle is neither starting nor active");
        }
        AppManifest manifest = candidate.manifest();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(AppHeaders.SLUG, manifest.slug());
        properties.put(AppHeaders.TYPE, manifest.type().value());
        properties.put(AppHeaders.VERSION, manifest.version());
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        try {
            registrations.add(context.registerService(DeployedApp.class, candidate.deployedApp(), properties));
            registrations.add(context.registerService(
                    DoctypeContribution.class,
                    new DoctypeContribution(manifest.slug(), manifest.type(), manifest.permissions()),
                    properties));
        } catch (RuntimeException e) {
            registrations.forEach(AppDeployment::unregister);
            throw e;
        }
        return new AppDeployment(candidate, registrations);
    }

    AppCandidate candidate() {
        return candidate;
    }

    /** Unregisters every service of the app; later calls do nothing. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            registrations.forEach(AppDeployment::unregister);
        }
    }

    /** The app as the runtime reports it, with its services as they are now. */
    AppDTO toDTO() {
        AppManifest manifest = candidate.manifest();
        AppDTO dto = new AppDTO();
        dto.bundleId = candidate.bundleId();
        dto.symbolicName = candidate.symbolicName();
        dto.slug = manifest.slug();
        dto.type = manifest.type().value();
        dto.version = manifest.version();
        dto.contributions = registrations.stream()
                .map(AppDeployment::describe)
                .filter(Objects::nonNull)
                .toArray(ServiceReferenceDTO[]::new);
        return dto;
    }

    private static @Nullable ServiceReferenceDTO describe(ServiceRegistration<?> registration) {
        try {
            ServiceReference<?> reference = registration.getReference();
            return reference.adapt(ServiceReferenceDTO.class);
        } catch (IllegalStateException e) {
            return null; // unregistered meanwhile
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered, by the framework when the bundle stopped
        }
    }
}
