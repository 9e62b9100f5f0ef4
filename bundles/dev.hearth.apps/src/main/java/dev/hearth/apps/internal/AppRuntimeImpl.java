package dev.hearth.apps.internal;

import dev.hearth.apps.AppDTO;
import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.FailedAppDTO;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The deployed and failed apps, as the extender records them, and the {@link AppRuntime} view of
 * them. Also registered under its own class, for the extender (an internal class no other bundle
 * can see).
 */
@Component(service = {AppRuntime.class, AppRuntimeImpl.class})
public final class AppRuntimeImpl implements AppRuntime {
    private final Map<Long, AppDeployment> deployed = new ConcurrentHashMap<>();
    private final Map<Long, AppFailure> failed = new ConcurrentHashMap<>();

    @Override
    public List<AppDTO> deployedApps() {
        return deployed.values().stream()
                .map(AppDeployment::toDTO)
                .sorted(Comparator.comparingLong(d -> d.bundleId))
                .toList();
    }

    @Override
    public List<FailedAppDTO> failedApps() {
        return failed.values().stream()
                .map(AppFailure::toDTO)
                .sorted(Comparator.comparingLong(d -> d.bundleId))
                .toList();
    }

    /** The apps deployed now, for the services built on them (such as the schemas' enforcement). */
    Collection<AppCandidate> deployedCandidates() {
        return deployed.values().stream().map(AppDeployment::candidate).toList();
    }

    /** Records the bundle's app as deployed (no longer failed). */
    void deployed(AppDeployment deployment) {
        long bundleId = deployment.candidate().bundleId();
        deployed.put(bundleId, deployment);
        failed.remove(bundleId);
    }

    /** Records the bundle as failed; the caller has withdrawn any deployment it had. */
    void failed(AppFailure failure) {
        failed.put(failure.bundleId(), failure);
    }

    /** Forgets the bundle, and gives back its deployment for the caller to close. */
    Optional<AppDeployment> forget(long bundleId) {
        failed.remove(bundleId);
        return Optional.ofNullable(deployed.remove(bundleId));
    }
}
