package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.apps.InstallationListener;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobsService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers of webapps' services ({@link ServiceTriggers}), made within the install, update or
 * uninstall of the webapp as cozy-stack makes them: the installer tells this listener before it
 * writes the app's document, so a document written once the install has answered reaches the
 * app's {@code @event} services. A trigger the jobs service refuses fails the install. At start,
 * the triggers of the webapps already installed are checked in the background, for the changes
 * made while this bundle was away.
 */
@Component(immediate = true, service = InstallationListener.class)
public final class ServiceHooks implements InstallationListener {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHooks.class);

    private final AppInstallations installations;
    private final BundleContext context;
    private final ServiceTriggers services;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hearth-konnectors-services").daemon().factory());

    @Activate
    public ServiceHooks(
            @Reference JobsService jobs,
            @Reference InstanceService instances,
            @Reference AppInstallations installations,
            BundleContext context) {
        this.installations = installations;
        this.context = context;
        this.services = new ServiceTriggers(jobs);
        for (Instance instance : instances.list()) {
            checker.execute(() -> checkAll(instance.domain()));
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        checker.shutdownNow();
        checker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void installed(String domain, AppType type, String slug, AppManifest manifest) {
        if (type == AppType.WEBAPP) {
            services.reconcile(domain, slug, manifest.services(), true);
        }
    }

    @Override
    public void updated(String domain, AppType type, String slug, AppManifest manifest) {
        installed(domain, type, slug, manifest);
    }

    @Override
    public void uninstalled(String domain, AppType type, String slug) {
        if (type == AppType.WEBAPP) {
            services.removeAll(domain, slug);
        }
    }

    private void checkAll(String domain) {
        try {
            for (Installation app : installations.list(domain, AppType.WEBAPP)) {
                check(domain, app.slug(), app.document());
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot check the service triggers of '{}'", domain, e);
        }
    }

    private void check(String domain, String slug, ObjectNode doc) {
        String state = doc.path("state").asText("");
        if (!state.equals("ready") && !state.equals("installed")) {
            return;
        }
        try (AppCode code =
                AppCode.find(context, AppType.WEBAPP, slug, doc.path("version").asText(""))) {
            if (code != null) {
                services.reconcile(domain, slug, code.app().manifest().services(), false);
            }
        }
    }
}
