package dev.hearth.apps.internal;

import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.FailedAppDTO;
import dev.hearth.apps.internal.manifest.ManifestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.namespace.extender.ExtenderNamespace;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apps extender: every starting or active bundle with the {@value AppHeaders#APP} header that
 * is wired to this bundle's extender capability becomes an app, deployed with the app bundle's own
 * context (see {@link AppDeployment}), and withdrawn when the bundle stops. Lifecycle only: the
 * manifest is read by {@link AppCandidate}, slugs are shared out by {@link SlugClaims}, and the
 * outcome is recorded in {@link AppRuntimeImpl}.
 *
 * <p>Synchronous: an app is deployed before {@code Bundle.start()} returns and gone before {@code
 * Bundle.stop()} returns. Callbacks never throw; a bundle that cannot be deployed is logged once
 * and recorded as failed, with nothing registered.
 */
@Component(
        immediate = true,
        service = {})
@Capability(
        namespace = ExtenderNamespace.EXTENDER_NAMESPACE,
        name = AppHeaders.EXTENDER,
        version = AppHeaders.EXTENDER_VERSION,
        uses = DeployedApp.class)
public final class AppsExtender implements BundleTrackerCustomizer<Bundle> {
    private static final Logger LOG = LoggerFactory.getLogger(AppsExtender.class);

    private enum Wiring {
        /** Wired to this extender. */
        OURS,
        /** Wired to another apps extender (another version of this bundle, during an update). */
        OTHER,
        /** Not requiring the apps extender at all. */
        NONE
    }

    private final Bundle self;
    private final AppRuntimeImpl runtime;
    /** Guards claims and candidates, and orders deployments and withdrawals. */
    private final Object lock = new Object();

    private final SlugClaims claims = new SlugClaims();
    private final Map<Long, AppCandidate> candidates = new HashMap<>();
    private final BundleTracker<Bundle> tracker;

    @Activate
    public AppsExtender(BundleContext context, @Reference AppRuntimeImpl runtime) {
        this.self = context.getBundle();
        this.runtime = runtime;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        // Last: opening deploys the app bundles already started, through this object.
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close(); // removedBundle() withdraws every app
    }

    @Override
    public @Nullable Bundle addingBundle(Bundle bundle, @Nullable BundleEvent event) {
        String header = bundle.getHeaders("").get(AppHeaders.APP);
        if (header == null) {
            return null;
        }
        try {
            switch (wiring(bundle)) {
                case OTHER -> {
                    LOG.debug("App bundle {} is left to the other apps extender it is wired to", describe(bundle));
                    return null;
                }
                case NONE ->
                    fail(AppFailure.of(
                            bundle,
                            null,
                            FailedAppDTO.NOT_REQUIRING_EXTENDER,
                            "the bundle does not require the capability: " + AppHeaders.REQUIRE_CAPABILITY));
                case OURS -> admit(bundle, header);
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot deploy app bundle {}", describe(bundle), e);
            fail(AppFailure.of(bundle, null, FailedAppDTO.REGISTRATION_FAILED, String.valueOf(e)));
        }
        return bundle;
    }

    @Override
    public void modifiedBundle(Bundle bundle, @Nullable BundleEvent event, Bundle tracked) {
        // STARTING to ACTIVE: the app was deployed when the bundle started.
    }

    @Override
    public void removedBundle(Bundle bundle, @Nullable BundleEvent event, Bundle tracked) {
        try {
            synchronized (lock) {
                long id = bundle.getBundleId();
                candidates.remove(id);
                runtime.forget(id).ifPresent(deployment -> {
                    deployment.close();
                    LOG.info("Withdrew {}", deployment.candidate());
                });
                claims.release(id).forEach(next -> deploy(candidates.get(next.bundleId())));
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot withdraw app bundle {} cleanly", describe(bundle), e);
        }
    }

    private void admit(Bundle bundle, String header) {
        AppCandidate candidate;
        try {
            candidate = AppCandidate.read(bundle, header);
        } catch (ManifestException e) {
            fail(AppFailure.of(bundle, e));
            return;
        }
        synchronized (lock) {
            candidates.put(candidate.bundleId(), candidate);
            switch (claims.claim(candidate.claim())) {
                case SlugClaims.Granted granted -> {
                    granted.superseded().ifPresent(old -> withdraw(candidates.get(old.bundleId())));
                    deploy(candidate);
                }
                case SlugClaims.Refused refused -> fail(AppFailure.waiting(candidate, refused));
            }
        }
    }

    /** Deploys a candidate that holds its slug; if it cannot, passes the slug to the next one. */
    private void deploy(AppCandidate candidate) {
        try {
            runtime.deployed(AppDeployment.open(candidate));
            LOG.info("Deployed {}", candidate);
        } catch (RuntimeException e) {
            fail(AppFailure.of(
                    candidate.bundle(), candidate.manifest().slug(), FailedAppDTO.REGISTRATION_FAILED, e.toString()));
            claims.release(candidate.bundleId()).forEach(next -> deploy(candidates.get(next.bundleId())));
        }
        recordWaiting(candidate);
    }

    /** Withdraws a deployed app whose version a higher version of its bundle took over. */
    private void withdraw(AppCandidate superseded) {
        runtime.forget(superseded.bundleId()).ifPresent(AppDeployment::close);
        LOG.info("Withdrew {}: a higher version of the bundle deploys the same app version", superseded);
    }

    /** Records why each bundle waiting for the candidate's slug waits, as the holder may have changed. */
    private void recordWaiting(AppCandidate candidate) {
        claims.waitingFor(candidate.manifest().type(), candidate.manifest().slug())
                .forEach((id, refused) -> runtime.failed(AppFailure.waiting(candidates.get(id), refused)));
    }

    private void fail(AppFailure failure) {
        runtime.failed(failure);
        LOG.warn(
                "App bundle '{}' [{}]{} is not deployed: {} ({})",
                failure.symbolicName(),
                failure.bundleId(),
                failure.slug() == null ? "" : " with slug '" + failure.slug() + "'",
                failure.message(),
                failure.reason());
    }

    private Wiring wiring(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        List<BundleWire> wires = wiring == null ? null : wiring.getRequiredWires(ExtenderNamespace.EXTENDER_NAMESPACE);
        if (wires == null) {
            return Wiring.NONE;
        }
        for (BundleWire wire : wires) {
            Object name = wire.getCapability().getAttributes().get(ExtenderNamespace.EXTENDER_NAMESPACE);
            if (AppHeaders.EXTENDER.equals(name)) {
                return wire.getProvider().getBundle().equals(self) ? Wiring.OURS : Wiring.OTHER;
            }
        }
        return Wiring.NONE;
    }

    private static String describe(Bundle bundle) {
        return "'" + bundle.getSymbolicName() + "' [" + bundle.getBundleId() + "]";
    }
}
