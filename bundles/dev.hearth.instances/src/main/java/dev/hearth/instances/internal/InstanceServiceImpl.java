package dev.hearth.instances.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.instances.Domains;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.SubdomainMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance registry: every instance is held in memory (host lookups never touch the disk) and
 * persisted by {@link InstanceStore}. Writes are serialized; reads are lock-free.
 */
@Component(configurationPid = InstancesConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = InstancesConfig.class)
public final class InstanceServiceImpl implements InstanceService {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceServiceImpl.class);
    private static final int SECRET_BYTES = 64;

    private final Map<String, Instance> byDomain = new ConcurrentHashMap<>();
    private final Map<String, InstanceSecrets> secrets = new ConcurrentHashMap<>();
    private final List<InstanceListener> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private final Path dataDirectory;
    private final InstanceStore store;
    private final HostResolver hosts;
    private final String defaultLocale;

    private BundleContext context;

    /**
     * Listeners are looked up when an event happens, not bound as references: a listener (the
     * datasystem) itself depends on this service, and a reference would make a cycle.
     */
    @Activate
    public InstanceServiceImpl(InstancesConfig config, BundleContext context) throws IOException {
        this(config);
        this.context = context;
    }

    public InstanceServiceImpl(InstancesConfig config) throws IOException {
        this.dataDirectory = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.store = new InstanceStore(dataDirectory.resolve("instances"));
        this.hosts = new HostResolver(SubdomainMode.parse(config.subdomains()), byDomain::get);
        this.defaultLocale = config.defaultLocale();
        for (Instance instance : store.loadAll()) {
            byDomain.put(instance.domain(), instance);
        }
        LOG.info("{} instance(s) in '{}', app subdomains {}", byDomain.size(), dataDirectory,
                hosts.mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Adds a listener outside the service registry (tests). */
    void addListener(InstanceListener listener) {
        listeners.add(listener);
    }

    private void tell(java.util.function.Consumer<InstanceListener> event) {
        listeners.forEach(event);
        if (context == null) {
            return;
        }
        try {
            for (ServiceReference<InstanceListener> ref : context.getServiceReferences(InstanceListener.class, null)) {
                InstanceListener listener = context.getService(ref);
                if (listener != null) {
                    try {
                        event.accept(listener);
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Instance create(NewInstance request) {
        String domain = Domains.normalize(request.domain());
        Instance instance = new Instance(
                Ids.newId(),
                domain,
                orDefault(request.locale(), defaultLocale),
                request.email(),
                request.publicName(),
                request.timezone(),
                orDefault(request.contextName(), "default"),
                request.uuid(),
                false,
                Ids.randomHex(32),
                request.diskQuota() == null ? 0 : checkQuota(request.diskQuota()),
                false,
                null,
                "basic",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        InstanceSecrets keys = new InstanceSecrets(
                Ids.randomBytes(SECRET_BYTES), Ids.randomBytes(SECRET_BYTES), Ids.randomBytes(SECRET_BYTES));
        synchronized (writeLock) {
            if (byDomain.containsKey(domain)) {
                throw ApiException.conflict("Instance already exists");
            }
            try {
                store.create(instance, keys);
            } catch (FileAlreadyExistsException e) {
                throw ApiException.conflict("Instance already exists");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create instance " + domain, e);
            }
            secrets.put(domain, keys);
            byDomain.put(domain, instance);
        }
        LOG.info("Instance '{}' created", domain);
        tell(l -> l.instanceCreated(instance));
        return instance;
    }

    @Override
    public Optional<Instance> find(String domain) {
        return Optional.ofNullable(byDomain.get(domain.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public Instance get(String domain) {
        return find(domain).orElseThrow(() -> ApiException.notFound("Instance not found"));
    }

    @Override
    public List<Instance> list() {
        return byDomain.values().stream().sorted(Comparator.comparing(Instance::domain)).toList();
    }

    @Override
    public int count() {
        return byDomain.size();
    }

    @Override
    public Instance modify(String domain, InstanceChanges changes) {
        synchronized (writeLock) {
            Instance old = get(domain);
            Instance updated = apply(old, changes);
            persist(updated);
            LOG.info("Instance '{}' modified", old.domain());
            return updated;
        }
    }

    @Override
    public Instance finishRegistration(String domain) {
        synchronized (writeLock) {
            Instance i = get(domain);
            Instance updated = new Instance(i.id(), i.domain(), i.locale(), i.email(), i.publicName(), i.timezone(),
                    i.contextName(), i.uuid(), true, null, i.diskQuota(), i.blocked(), i.blockingReason(),
                    i.authMode(), i.createdAt());
            persist(updated);
            return updated;
        }
    }

    @Override
    public void destroy(String domain) {
        Instance instance = get(domain);
        tell(l -> l.instanceDestroying(instance));
        synchronized (writeLock) {
            if (byDomain.remove(instance.domain()) == null) {
                throw ApiException.notFound("Instance not found");
            }
            secrets.remove(instance.domain());
            try {
                store.delete(instance.domain());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the folder of instance " + instance.domain(), e);
            }
        }
        LOG.info("Instance '{}' destroyed", instance.domain());
    }

    @Override
    public Optional<HostMatch> resolveHost(String host) {
        return hosts.resolve(host);
    }

    @Override
    public SubdomainMode subdomainMode() {
        return hosts.mode();
    }

    @Override
    public InstanceSecrets secrets(String domain) {
        Instance instance = get(domain);
        return secrets.computeIfAbsent(instance.domain(), d -> {
            try {
                return store.readSecrets(d);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the secrets of instance " + d, e);
            }
        });
    }

    @Override
    public Path directory(String domain) {
        return store.directory(get(domain).domain());
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    private void persist(Instance updated) {
        try {
            store.update(updated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save instance " + updated.domain(), e);
        }
        byDomain.put(updated.domain(), updated);
    }

    private static Instance apply(Instance i, InstanceChanges c) {
        return new Instance(
                i.id(),
                i.domain(),
                orDefault(c.locale(), i.locale()),
                c.email() != null ? c.email() : i.email(),
                c.publicName() != null ? c.publicName() : i.publicName(),
                c.timezone() != null ? c.timezone() : i.timezone(),
                orDefault(c.contextName(), i.contextName()),
                c.uuid() != null ? c.uuid() : i.uuid(),
                c.onboardingFinished() != null ? c.onboardingFinished() : i.onboardingFinished(),
                i.registerToken(),
                c.diskQuota() != null ? checkQuota(c.diskQuota()) : i.diskQuota(),
                c.blocked() != null ? c.blocked() : i.blocked(),
                c.blockingReason() != null ? c.blockingReason() : i.blockingReason(),
                c.authMode() != null ? checkAuthMode(c.authMode()) : i.authMode(),
                i.createdAt());
    }

    private static long checkQuota(long quota) {
        if (quota < 0) {
            throw ApiException.invalidParameter("DiskQuota", "The disk quota must be zero (no quota) or positive");
        }
        return quota;
    }

    private static String checkAuthMode(String mode) {
        if (!mode.equals("basic") && !mode.equals("two_factor_mail")) {
            throw ApiException.invalidParameter("AuthMode", "Unknown authentication mode");
        }
        return mode;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
