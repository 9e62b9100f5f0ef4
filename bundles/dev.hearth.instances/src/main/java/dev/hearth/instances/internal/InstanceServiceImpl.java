package dev.hearth.instances.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.health.Backend;
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
import dev.hearth.instances.registry.RegistryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance registry: every instance is held in memory (host lookups never touch the disk) and
 * persisted by a {@link RegistryBackend}: the node's own folders ({@link InstanceStore}) unless the
 * configuration requires a shared backend, whose changes a {@link SharedView} follows. Which domains exist changes only in the {@link Registry};
 * the record of one instance changes under that instance's lock ({@link Slot}), so writes to
 * different instances do not wait for each other. Reads are lock-free.
 */
@Component(configurationPid = InstancesConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = InstancesConfig.class)
public final class InstanceServiceImpl implements InstanceService, Backend {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceServiceImpl.class);
    private static final int SECRET_BYTES = 64;

    private final Registry registry = new Registry();
    private final Listeners listeners = new Listeners();
    private final Path dataDirectory;
    private final InstanceStore folders;
    private final RegistryBackend store;
    private final @Nullable SharedView shared;
    private final AutoCloseable watch;
    private final HostResolver hosts;
    private final String defaultLocale;

    @Activate
    public InstanceServiceImpl(
            InstancesConfig config,
            BundleContext context,
            @Reference(name = "backend", target = "(" + RegistryBackend.PROPERTY + "=embedded)")
                    RegistryBackend backend)
            throws IOException {
        this(config, backend);
        listeners.useServicesOf(context);
    }

    public InstanceServiceImpl(InstancesConfig config) throws IOException {
        this(config, null);
    }

    /**
     * A registry on a shared backend, or on the node's folders when {@code backend} is null or the
     * embedded one.
     */
    public InstanceServiceImpl(InstancesConfig config, @Nullable RegistryBackend backend) throws IOException {
        this.dataDirectory = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.folders = new InstanceStore(dataDirectory.resolve("instances"));
        boolean embedded = backend == null || backend instanceof InstanceStore;
        this.store = embedded ? folders : backend;
        this.hosts = new HostResolver(SubdomainMode.parse(config.subdomains()), this::visible);
        this.defaultLocale = config.defaultLocale();
        if (embedded) {
            this.shared = null;
            this.watch = () -> {};
            for (ObjectNode json : folders.loadAll()) {
                registry.load(Records.fromJson(json));
            }
        } else {
            SharedView view = new SharedView(registry, backend);
            this.shared = view;
            this.watch = backend.watch(view::changed);
            view.reloadAll();
        }
        LOG.info(
                "{} instance(s) in {}, app subdomains {}",
                registry.size(),
                embedded ? "'" + dataDirectory + "'" : "the shared registry (" + store.describe() + ")",
                hosts.mode().name().toLowerCase(Locale.ROOT));
    }

    @Deactivate
    void deactivate() throws Exception {
        watch.close();
    }

    @Override
    public String role() {
        return "instances";
    }

    /** What stores the registry: {@code embedded}, or the shared backend's name. */
    @Override
    public String describe() {
        return store.describe();
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
            store.publish(domain);
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("Cannot publish instance " + domain, e);
            rollBack(instance, failure);
            throw failure;
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
            store.create(domain, Records.toJson(record), keys);
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
        Slot slot = slot(domain);
        return slot == null ? null : slot.record().instance();
    }

    /** The live slot of a lowercase domain, read through a shared backend when not held here. */
    private @Nullable Slot slot(String domain) {
        Slot slot = registry.find(domain);
        return slot != null || shared == null ? slot : shared.readThrough(domain);
    }

    /** The live slot of a lowercase domain, or 404. */
    private Slot live(String domain) {
        Slot slot = slot(domain);
        if (slot == null) {
            throw ApiException.notFound("Instance not found");
        }
        return slot;
    }

    @Override
    public Instance get(String domain) {
        return live(lower(domain)).record().instance();
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
        return update(domain, r -> r.withInstance(Changes.registered(r.instance())))
                .instance();
    }

    @Override
    public InstanceSettings settings(String domain) {
        return SettingsDocument.of(live(lower(domain)).record());
    }

    @Override
    public InstanceSettings updateSettings(String domain, String rev, ObjectNode attributes) {
        return SettingsDocument.of(update(domain, r -> SettingsDocument.update(r, rev, attributes)));
    }

    private InstanceRecord update(String domain, UnaryOperator<InstanceRecord> change) {
        String d = lower(domain);
        try {
            return live(d).update(change, store);
        } catch (ApiException e) {
            if (e.status() == 404 && shared != null) {
                registry.forget(d);
            }
            throw e;
        }
    }

    @Override
    public void destroy(String domain) {
        String d = lower(domain);
        live(d);
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
        return live(lower(domain)).secrets(d -> {
            try {
                return store.secrets(d);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the secrets of instance " + d, e);
            }
        });
    }

    /**
     * {@inheritDoc} On a shared registry the folder is this node's own, made when asked for: what
     * nodes share is not kept there.
     */
    @Override
    public Path directory(String domain) {
        String d = knownOrCreating(domain);
        Path dir = folders.directory(d);
        if (shared != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make the folder of instance " + d, e);
            }
        }
        return dir;
    }

    private String knownOrCreating(String domain) {
        String d = lower(domain);
        if (slot(d) == null && !registry.isCreating(d)) {
            throw ApiException.notFound("Instance not found");
        }
        return d;
    }

    @Override
    public Optional<byte[]> readPrivate(String domain, String name) {
        String d = knownOrCreating(domain);
        try {
            return Optional.ofNullable(store.readPrivate(d, name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " of instance " + d, e);
        }
    }

    @Override
    public void writePrivate(String domain, String name, byte[] content) {
        String d = knownOrCreating(domain);
        try {
            store.writePrivate(d, name, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + name + " of instance " + d, e);
        }
    }

    @Override
    public void deletePrivate(String domain, String name) {
        String d = knownOrCreating(domain);
        try {
            store.deletePrivate(d, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + name + " of instance " + d, e);
        }
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    private static String lower(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
