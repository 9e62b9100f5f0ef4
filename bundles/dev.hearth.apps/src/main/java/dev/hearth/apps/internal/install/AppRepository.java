package dev.hearth.apps.internal.install;

import dev.hearth.apps.AppRuntime;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.archive.AppArchives;
import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import dev.hearth.common.error.ApiException;
import dev.hearth.datasystem.DataService;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app bundles made from archives: one jar per app version in {@code <data-dir>/apps/},
 * shared by every instance, installed in the framework beside the other versions of the app (see
 * {@link AppBundles}). Which instances use which jar is kept in a {@link UsageIndex}; a jar no
 * instance uses any more is uninstalled and deleted at once.
 *
 * <p>Acquiring a version (and recording its use) and releasing one (and collecting it) happen
 * under one lock, so a jar is never collected between an instance finding it and recording that
 * it uses it. The framework's cache is cleared at each start, so the jars in use are installed
 * again when the repository activates, and the others deleted. Immediate, so that happens at
 * start, and once: the instance registry only holds it while it tells it of a deletion.
 */
@Component(
        immediate = true,
        service = {AppRepository.class, InstanceListener.class})
public final class AppRepository implements InstanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(AppRepository.class);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,63}");
    private static final String USAGE = "usage.idx";

    /**
     * An app version an instance now uses.
     *
     * @param jar the name of its jar, which {@link #release} takes back
     * @param app the app the extender deployed from it
     * @param checksum the SHA-256 of the archive it was made from
     */
    public record AppVersion(String jar, DeployedApp app, String checksum) {}

    private final Path folder;
    private final AppBundles bundles;
    private final Limits limits = Limits.defaults();
    private final UsageIndex usage;
    /** False when the index could not be rebuilt from every instance: then nothing is collected. */
    private final boolean collecting;

    @Activate
    public AppRepository(
            BundleContext context,
            @Reference InstanceService instances,
            @Reference AppRuntime runtime,
            @Reference DataService data) {
        this.folder = instances.dataDirectory().resolve("apps");
        this.bundles = new AppBundles(context, runtime);
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(USAGE);
            if (Files.exists(file)) {
                this.usage = UsageIndex.open(file);
                this.collecting = true;
                usage.retainDomains(
                        instances.list().stream().map(Instance::domain).collect(Collectors.toSet()));
            } else {
                UsageScan scan = UsageScan.of(instances, data);
                // An incomplete index is kept aside, so that the next start scans again.
                this.usage = UsageIndex.create(
                        scan.complete() ? file : folder.resolve(USAGE + ".partial"), scan.domainsByJar());
                this.collecting = scan.complete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the app bundles in use in " + folder, e);
        }
        installUsedAndCollectTheRest();
    }

    @Deactivate
    void deactivate() throws IOException {
        usage.close();
    }

    /** The name of the jar of an app version, {@code hearth.app.<slug>-<bundle version>.jar}. */
    static String jarName(AppType type, String slug, String version) {
        if (!isValidSlug(slug)) {
            throw new IllegalArgumentException("Invalid slug " + slug);
        }
        dev.hearth.apps.archive.AppType kind = dev.hearth.apps.archive.AppType.valueOf(type.name());
        return kind.symbolicName(slug) + "-" + AppArchives.bundleVersion(version) + ".jar";
    }

    static boolean isValidSlug(String slug) {
        return SLUG.matcher(slug).matches();
    }

    /**
     * The app of {@code archive}, deployed (made a bundle and started unless that version is
     * already there), and recorded as used by the instance.
     *
     * @param type the type the archive's app must have
     * @param slug the slug the archive must have
     * @throws ApiException 400 when the archive or the app is refused, with the reason; 409 when
     *     the same version of the app was installed from another archive
     */
    public synchronized AppVersion acquire(InputStream archive, AppType type, String slug, String domain) {
        Path incoming = null;
        try {
            incoming = Files.createTempFile(folder, "incoming-", ".tmp");
            AppBundle made = AppArchives.convert(archive, slug, limits, incoming);
            if (!made.type().id().equals(type.value())) {
                throw ApiException.badRequest("[" + slug + "] Manifest type is not valid for a " + type.value());
            }
            String jar = jarName(type, slug, made.version());
            Optional<Bundle> present = bundles.installed(jar);
            if (present.isPresent() && !made.sha256().equals(AppBundles.checksum(present.get()))) {
                throw ApiException.conflict("Version " + made.version() + " of " + slug
                        + " is already installed from another archive: give this one a new version");
            }
            if (present.isEmpty()) {
                Files.move(
                        incoming,
                        folder.resolve(jar),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Bundle bundle = present.isPresent() ? present.get() : bundles.install(folder.resolve(jar));
            DeployedApp app = deployed(bundle, jar, slug);
            usage.add(jar, key(domain));
            return new AppVersion(jar, app, made.sha256());
        } catch (ArchiveException e) {
            throw ApiException.badRequest("The archive is refused (" + e.reason() + "): " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the app " + slug, e);
        } finally {
            deleteQuietly(incoming);
        }
    }

    /** The instance no longer uses the jar: when no instance does, its bundle and file go. */
    public synchronized void release(String jar, String domain) {
        try {
            usage.remove(jar, key(domain));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record that " + domain + " no longer uses " + jar, e);
        }
        collect(jar);
    }

    /** The app deployed from the jar of this name, if its bundle is there and deployed. */
    public Optional<DeployedApp> app(String jar, String slug) {
        return bundles.installed(jar).flatMap(bundle -> bundles.deployed(bundle, slug));
    }

    /** Releases every app version the instance used, as it is being deleted. */
    @Override
    public synchronized void instanceDestroying(Instance instance) {
        try {
            usage.removeDomain(key(instance.domain())).forEach(this::collect);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the apps of " + instance.domain(), e);
        }
    }

    /** The deployed app of a bundle; a bundle the extender refused is removed again, unless in use. */
    private DeployedApp deployed(Bundle bundle, String jar, String slug) {
        Optional<DeployedApp> app = bundles.deployed(bundle, slug);
        if (app.isPresent()) {
            return app.get();
        }
        String reason = bundles.refusal(bundle);
        collect(jar);
        throw ApiException.badRequest("The app is refused (" + reason + ")");
    }

    /** Uninstalls and deletes the jar when no instance uses it. */
    private void collect(String jar) {
        if (!collecting || usage.isUsed(jar)) {
            return;
        }
        bundles.installed(jar).ifPresent(bundles::uninstall);
        deleteQuietly(folder.resolve(jar));
    }

    /** Installs the jars in use that the framework does not have, and collects every other one. */
    private void installUsedAndCollectTheRest() {
        for (String jar : usage.jars()) {
            Path file = folder.resolve(jar);
            if (bundles.installed(jar).isPresent()) {
                continue;
            }
            try {
                bundles.install(file);
            } catch (IOException e) {
                LOG.warn("App bundle {} not installed, though an instance uses it: {}", jar, e.getMessage());
            }
        }
        bundles.installedJars().forEach(this::collect);
        filesNamed("*.jar").forEach(this::collect);
        // What a conversion cut short by a crash left behind.
        filesNamed("{incoming-*.tmp,.hearth-app-*}").forEach(name -> deleteQuietly(folder.resolve(name)));
    }

    private List<String> filesNamed(String glob) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        } catch (IOException e) {
            LOG.warn("Cannot list the files of {}: {}", folder, e.toString());
        }
        return names;
    }

    private static String key(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            if (Files.deleteIfExists(file)) {
                LOG.debug("Deleted {}", file);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, Objects.toString(e.getMessage(), e.toString()));
        }
    }
}
