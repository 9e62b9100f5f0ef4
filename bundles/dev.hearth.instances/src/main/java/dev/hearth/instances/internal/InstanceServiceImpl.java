package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Domains;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceSecrets;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.InstanceSettings;
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
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance registry: every instance is held in memory (host lookups never touch the disk) and
 * persisted by {@link InstanceStore}. Which domains exist changes only in the {@link Registry};
 * the record of one instance changes under that instance's lock ({@link Slot}), so writes to
 * different instances do not wait for each other. Reads are lock-free.
 */
@Component(configurationPid = InstancesConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = InstancesConfig.class)
public final class InstanceServiceImpl implements InstanceService {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceServiceImpl.class);
    private static final int SECRET_BYTES = 64;

    private final Registry registry = new Registry();
    private final Listeners listeners = new Listeners();
    private final Path dataDirectory;
    private final InstanceStore store;
    private final HostResolver hosts;
    private final String defaultLocale;

    @Activate
    public InstanceServiceImpl(InstancesConfig config, BundleContext context) throws IOException {
        this(config);
        listeners.useServicesOf(context);
    }

    public InstanceServiceImpl(InstancesConfig config) throws IOException {
        this.dataDirectory = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.store = new InstanceStore(dataDirectory.resolve("instances"));
        this.hosts = new HostResolver(SubdomainMode.parse(config.subdomains()), this::visible);
        this.defaultLocale = config.defaultLocale();
        for (InstanceRecord record : store.loadAll()) {
            registry.load(record);
        }
        LOG.info(
                "{} instance(s) in '{}', app subdomains {}",
                registry.size(),
                dataDirectory,
                hosts.mode().name().toLowerCase(Locale.ROOT));
    }

    /** Adds a listener outside the service registry (tests, or an embedding without OSGi services). */
    public void addListener(InstanceListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener added with {@link #addListener}. */
    public void removeListener(InstanceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Instance create(NewInstance request) {
        String domain = Domains.normalize(request.domain());
        InstanceRecord record = newRecord(domain, request);
        InstanceSecrets keys = new InstanceSecrets(
                Ids.randomBytes(SECRET_BYTES), Ids.randomBytes(SECRET_BYTES), Ids.randomBytes(SECRET_BYTES));
        registry.reserve(domain);
        writeNewFolder(record, keys);
        Instance instance = record.instance();
        try {
            listeners.creating(instance, request);
        } catch (RuntimeException | Error e) {
            rollBack(instance, e);
            throw e;
        }
        registry.publish(new Slot(record, keys));
        LOG.info("Instance '{}' created", domain);
        listeners.created(instance);
        return instance;
    }

    /** Writes the folder of a domain reserved for a creation; on failure, the reservation ends. */
    private void writeNewFolder(InstanceRecord record, InstanceSecrets keys) {
        String domain = record.domain();
        try {
            store.create(record, keys);
        } catch (FileAlreadyExistsException e) {
            registry.release(domain);
            throw ApiException.conflict("Instance already exists");
        } catch (IOException e) {
            registry.release(domain);
            throw new UncheckedIOException("Cannot create instance " + domain, e);
        } catch (RuntimeException | Error e) {
            registry.release(domain);
            throw e;
        }
    }

    /**
     * The record of a new instance. Given a passphrase, the onboarding is over at once (Cozy
     * skips it then), unless the request says otherwise.
     */
    private InstanceRecord newRecord(String domain, NewInstance request) {
        boolean withPassphrase = request.passphrase() != null;
        Boolean onboarded = request.onboardingFinished();
        String id = Ids.newId();
        Instance instance = new Instance(
                id,
                domain,
                Changes.orDefault(request.locale(), defaultLocale),
                request.email(),
                request.publicName(),
                request.timezone(),
                Changes.orDefault(request.contextName(), "default"),
                request.uuid(),
                onboarded != null ? onboarded : withPassphrase,
                withPassphrase ? null : Ids.randomHex(32),
                request.diskQuota() == null ? 0 : Changes.checkQuota(request.diskQuota()),
                false,
                null,
                "basic",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new InstanceRecord(instance, Json.mapper().createObjectNode(), SettingsDocument.firstRev(id));
    }

    /** Undoes a creation a listener refused: listeners drop what they kept, the folder goes. */
    private void rollBack(Instance instance, Throwable cause) {
        LOG.info("Creation of instance '{}' aborted: {}", instance.domain(), cause.toString());
        try {
            listeners.destroying(instance);
            store.delete(instance.domain());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.error("Cannot remove the folder of the aborted instance '{}'", instance.domain(), e);
        } finally {
            registry.release(instance.domain());
        }
    }

    @Override
    public Optional<Instance> find(String domain) {
        return Optional.ofNullable(visible(lower(domain)));
    }

    private @Nullable Instance visible(String domain) {
        Slot slot = registry.find(domain);
        return slot == null ? null : slot.record().instance();
    }

    @Override
    public Instance get(String domain) {
        return registry.get(lower(domain)).record().instance();
    }

    @Override
    public List<Instance> list() {
        return registry.slots().stream()
                .map(s -> s.record().instance())
                .sorted(Comparator.comparing(Instance::domain))
                .toList();
    }

    @Override
    public int count() {
        return registry.size();
    }

    @Override
    public Instance modify(String domain, InstanceChanges changes) {
        Instance updated = update(domain, r -> SettingsDocument.afterChange(r, Changes.apply(r.instance(), changes)))
                .instance();
        LOG.info("Instance '{}' modified", updated.domain());
        return updated;
    }

    @Override
    public Instance finishRegistration(String domain) {
        return update(domain, r -> {
                    Instance i = r.instance();
                    return r.withInstance(new Instance(
                            i.id(),
                            i.domain(),
                            i.locale(),
                            i.email(),
                            i.publicName(),
                            i.timezone(),
                            i.contextName(),
                            i.uuid(),
                            true,
                            null,
                            i.diskQuota(),
                            i.blocked(),
                            i.blockingReason(),
                            i.authMode(),
                            i.createdAt()));
                })
                .instance();
    }

    @Override
    public InstanceSettings settings(String domain) {
        return SettingsDocument.of(registry.get(lower(domain)).record());
    }

    @Override
    public InstanceSettings updateSettings(String domain, String rev, ObjectNode attributes) {
        return SettingsDocument.of(update(domain, r -> SettingsDocument.update(r, rev, attributes)));
    }

    private InstanceRecord update(String domain, UnaryOperator<InstanceRecord> change) {
        return registry.get(lower(domain)).update(change, store::update);
    }

    @Override
    public void destroy(String domain) {
        String d = lower(domain);
        Slot slot = registry.retire(d);
        try {
            Instance instance = slot.retire().instance();
            listeners.destroying(instance);
            store.delete(d);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the folder of instance " + d, e);
        } finally {
            registry.release(d);
        }
        LOG.info("Instance '{}' destroyed", d);
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
        return registry.get(lower(domain)).secrets(d -> {
            try {
                return store.readSecrets(d);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the secrets of instance " + d, e);
            }
        });
    }

    @Override
    public Path directory(String domain) {
        String d = lower(domain);
        if (registry.find(d) == null && !registry.isCreating(d)) {
            throw ApiException.notFound("Instance not found");
        }
        return store.directory(d);
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    private static String lower(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
