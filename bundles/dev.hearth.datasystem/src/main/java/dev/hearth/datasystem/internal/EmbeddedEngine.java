package dev.hearth.datasystem.internal;

import dev.hearth.common.health.HealthCheck;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.engine.ChangeSink;
import dev.hearth.datasystem.engine.DocumentEngine;
import dev.hearth.datasystem.internal.store.InstanceStore;
import dev.hearth.datasystem.internal.store.MvDatabase;
import dev.hearth.instances.InstanceService;
import dev.hearth.js.JsSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine, the default one: one store per instance in its folder, opened on first
 * use, hibernating (file closed) when idle and woken by the next operation, compacted in the
 * background.
 */
@Component(
        service = {DocumentEngine.class, HealthCheck.class},
        configurationPid = DataSystemConfig.PID,
        property = DocumentEngine.PROPERTY + "=embedded")
public final class EmbeddedEngine implements DocumentEngine, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
    /** A store unused for this long gives back its write buffers; the idle sweep runs as often. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final InstanceService instances;
    private final CheckedConfig config;
    private final InstanceStore.Settings settings;
    private final Map<String, InstanceStore> stores = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hearth-datasystem-housekeeping").daemon().factory());
    /** Syncs the busy stores once a second, so that the space their commits freed is reused. */
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hearth-datasystem-sync").daemon().factory());

    private volatile JsSandbox sandbox;

    @Activate
    public EmbeddedEngine(@Reference InstanceService instances, DataSystemConfig config) {
        this.instances = instances;
        this.config = CheckedConfig.of(config, LOG);
        this.settings = this.config.storeSettings();
        housekeeping.scheduleWithFixedDelay(this::sweepIdle, QUIET_NANOS, QUIET_NANOS, TimeUnit.NANOSECONDS);
        housekeeping.scheduleWithFixedDelay(
                this::compactAll, this.config.compactionSeconds(), this.config.compactionSeconds(), TimeUnit.SECONDS);
        syncer.scheduleWithFixedDelay(this::syncAll, 1, 1, TimeUnit.SECONDS);
        if (this.config.purgeDeletedAfterDays() > 0) {
            housekeeping.scheduleWithFixedDelay(this::purgeAll, 1, 60, TimeUnit.MINUTES);
        }
    }

    /** The sandbox that runs the map and reduce functions of views: optional, views need it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setSandbox(JsSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void unsetSandbox(JsSandbox sandbox) {
        if (this.sandbox == sandbox) {
            this.sandbox = null;
        }
    }

    /** Closes every store and stops the background work (also called by tests outside OSGi). */
    @Deactivate
    public void deactivate() {
        // No interrupts: a thread interrupted in a file operation closes the store's file channel.
        housekeeping.shutdown();
        syncer.shutdown();
        stores.keySet().forEach(this::close);
        writers.shutdown();
    }

    @Override
    public Database database(String domain, String doctype, ChangeSink changes) {
        return new MvDatabase(store(domain), doctype, config.maxDocumentBytes(), changes, () -> sandbox);
    }

    @Override
    public List<String> doctypes(String domain) {
        return store(domain).doctypeNames();
    }

    private InstanceStore store(String domain) {
        InstanceStore open = stores.get(domain);
        return open != null
                ? open
                : stores.computeIfAbsent(instances.get(domain).domain(), this::open);
    }

    /**
     * Opens the store of a domain, within the map's lock on that domain, after asking the
     * instance service again whether the domain exists. A destroy hides the instance before it
     * tells {@link #destroy}, which closes the store under the same lock: so a request
     * that looked the instance up just before the destroy either opens the store before it is
     * closed, or finds the instance gone (404). No store is ever opened on a folder being
     * deleted, where it would take writes that a re-created instance of that domain never sees.
     */
    private InstanceStore open(String domain) {
        Path directory = instances.directory(instances.get(domain).domain());
        LOG.debug("Opening the store of '{}'", domain);
        return InstanceStore.open(domain, directory, settings, writers);
    }

    /** Health check {@code stores}: no open store was closed by an I/O error. */
    @Override
    public String name() {
        return "stores";
    }

    @Override
    public void check() {
        Map<String, String> failed = failedStores();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("failed stores: " + failed);
        }
    }

    /** The stores that failed (MVStore closed them after an I/O error), with the reason. */
    Map<String, String> failedStores() {
        Map<String, String> failed = new TreeMap<>();
        stores.forEach((domain, store) -> {
            String failure = store.failure();
            if (failure != null) {
                failed.put(domain, failure);
            }
        });
        return failed;
    }

    /** Closes the store for good (operations in flight end first); its folder goes with the instance. */
    @Override
    public void destroy(String domain) {
        close(domain);
    }

    private void close(String domain) {
        stores.computeIfPresent(domain, (d, store) -> {
            store.close();
            return null;
        });
    }

    /** Trims the stores that are quiet and lets those that are idle hibernate. */
    private void sweepIdle() {
        long limit = TimeUnit.SECONDS.toNanos(config.idleCloseSeconds());
        long now = System.nanoTime();
        for (InstanceStore store : stores.values()) {
            long quiet = now - store.lastUsed();
            if (quiet > QUIET_NANOS && quiet <= limit) {
                store.trim();
            } else if (quiet > limit && store.isOpen() && store.hibernateIfIdle(limit)) {
                LOG.debug("The idle store of '{}' hibernates", store.domain());
            }
        }
    }

    private void syncAll() {
        for (InstanceStore store : stores.values()) {
            try {
                store.sync();
            } catch (RuntimeException e) {
                LOG.warn("Sync of '{}' failed: {}", store.domain(), e.toString());
            }
        }
    }

    /** Purges the tombstones older than the configured age in the open stores. */
    private void purgeAll() {
        long before = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(config.purgeDeletedAfterDays());
        for (InstanceStore store : stores.values()) {
            try {
                long purged = store.purgeTombstones(before);
                if (purged > 0) {
                    LOG.info("Purged {} deleted documents of '{}'", purged, store.domain());
                }
            } catch (RuntimeException e) {
                LOG.warn("Purge of '{}' failed: {}", store.domain(), e.toString());
            }
        }
    }

    private void compactAll() {
        for (InstanceStore store : stores.values()) {
            try {
                store.compact();
            } catch (RuntimeException e) {
                LOG.warn("Compaction of '{}' failed: {}", store.domain(), e.toString());
            }
        }
    }
}
