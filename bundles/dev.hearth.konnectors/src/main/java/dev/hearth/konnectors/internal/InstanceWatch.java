package dev.hearth.konnectors.internal;

import dev.hearth.apps.AppInstallations;
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
 * Follows the accounts of every instance on the realtime hub, in the order of their events, on one
 * thread: a deleted account runs its konnector's {@code on_delete_account} ({@link
 * AccountDeletions}). The service triggers of webapps are made within their install ({@link
 * ServiceHooks}), not here.
 */
@Component(immediate = true, service = InstanceListener.class)
public final class InstanceWatch implements InstanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceWatch.class);

    private final RealtimeHub hub;
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
        this.accounts = new AccountDeletions(data, jobs, installations, context);
        for (Instance instance : instances.list()) {
            subscribe(instance.domain());
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
        // Only accounts: the events of other doctypes (most writes) are not even built for it.
        subscriptions.computeIfAbsent(domain, d -> hub.subscribeLocal(d, Accounts.DOCTYPE::equals, this::onEvent));
    }

    private void onEvent(Event event) {
        worker.execute(() -> handle(event));
    }

    private void handle(Event event) {
        try {
            boolean deleted = event.verb() == Event.Verb.DELETED
                    || event.doc().path("_deleted").asBoolean(false);
            if (deleted) {
                accounts.deleted(
                        event.domain(), event.id(), event.doc().path("_rev").asText(""));
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot follow the change of {} {} of '{}'", event.doctype(), event.id(), event.domain(), e);
        }
    }
}
