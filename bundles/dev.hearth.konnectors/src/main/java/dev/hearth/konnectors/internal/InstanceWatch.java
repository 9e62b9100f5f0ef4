package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.apps.Installation;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.datasystem.DataService;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobsService;
import dev.hearth.konnectors.Accounts;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Follows the apps and accounts of every instance on the realtime hub, in the order of their
 * events, on one thread: an installed, updated or uninstalled webapp gets its service triggers
 * created or deleted ({@link ServiceTriggers}), a deleted account runs its konnector's {@code
 * on_delete_account} ({@link AccountDeletions}). At start the service triggers of the webapps
 * already installed are checked, in the background.
 */
@Component(immediate = true, service = InstanceListener.class)
public final class InstanceWatch implements InstanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceWatch.class);

    private final RealtimeHub hub;
    private final AppInstallations installations;
    private final BundleContext context;
    private final ServiceTriggers services;
    private final AccountDeletions accounts;
    private final Map<String, RealtimeHub.Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hearth-konnectors-watch").daemon().factory());

    @Activate
    public InstanceWatch(
            @Reference RealtimeHub hub,
            @Reference InstanceService instances,
            @Reference AppInstallations installations,
            @Reference JobsService jobs,
            @Reference DataService data,
            BundleContext context) {
        this.hub = hub;
        this.installations = installations;
        this.context = context;
        this.services = new ServiceTriggers(jobs);
        this.accounts = new AccountDeletions(data, jobs, installations, context);
        for (Instance instance : instances.list()) {
            subscribe(instance.domain());
            worker.execute(() -> checkAll(instance.domain()));
        }
    }

    @Override
    public void instanceCreated(Instance instance) {
        subscribe(instance.domain());
    }

    @Override
    public void instanceDestroying(Instance instance) {
        RealtimeHub.Subscription s = subscriptions.remove(instance.domain());
        if (s != null) {
            s.close();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        subscriptions.values().forEach(RealtimeHub.Subscription::close);
        subscriptions.clear();
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void subscribe(String domain) {
        subscriptions.computeIfAbsent(domain, d -> hub.subscribeLocal(d, InstanceWatch::follows, this::onEvent));
    }

    /** The doctypes watched: the events of the others (most writes) are not even built. */
    private static boolean follows(String doctype) {
        return doctype.equals(Doctypes.APPS) || doctype.equals(Accounts.DOCTYPE);
    }

    private void onEvent(Event event) {
        worker.execute(() -> handle(event));
    }

    private void handle(Event event) {
        try {
            boolean deleted = event.verb() == Event.Verb.DELETED
                    || event.doc().path("_deleted").asBoolean(false);
            if (event.doctype().equals(Accounts.DOCTYPE)) {
                if (deleted) {
                    accounts.deleted(
                            event.domain(), event.id(), event.doc().path("_rev").asText(""));
                }
                return;
            }
            String slug = event.id().startsWith(Doctypes.APPS + "/")
                    ? event.id().substring(Doctypes.APPS.length() + 1)
                    : event.doc().path("slug").asText("");
            if (deleted) {
                services.removeAll(event.domain(), slug);
            } else if (event.verb() != Event.Verb.NOTIFIED) {
                check(event.domain(), slug, event.doc());
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot follow the change of {} {} of '{}'", event.doctype(), event.id(), event.domain(), e);
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
                services.reconcile(domain, slug, code.app().manifest().services());
            }
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
}
