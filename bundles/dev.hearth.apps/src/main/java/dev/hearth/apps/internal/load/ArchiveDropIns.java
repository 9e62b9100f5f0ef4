package dev.hearth.apps.internal.load;

import dev.hearth.apps.archive.AppArchives;
import dev.hearth.apps.archive.AppBundle;
import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import dev.hearth.instances.InstanceService;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.felix.fileinstall.ArtifactUrlTransformer;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Cozy app archive dropped into a folder File Install watches (the distribution's {@code
 * load/}) into an app bundle, which File Install then installs, updates and uninstalls with the
 * file as it does a bundle jar dropped there: the app is deployed for every instance while the
 * file is there.
 *
 * <p>Why File Install keeps the bundle, and not the installer's repository: the bundle's life is
 * the file's, which File Install already follows (also across restarts: the framework starts
 * from an empty cache, and File Install installs what it finds), while the repository keeps the
 * versions instances installed. The jar is written to {@code <data-dir>/dropped-apps/} and is the
 * bundle's location, so that {@code Bundle.update()} reads it again (why File Install prefers URL
 * transformers); the folder is emptied when this component starts, as File Install converts every
 * archive again then.
 *
 * <p>A refused archive is logged with its reason and left out, not reported as an error to File
 * Install (which would log a stack trace): it is tried again when the file changes, as a
 * half-copied file will.
 */
@Component(service = ArtifactUrlTransformer.class)
public final class ArchiveDropIns implements ArtifactUrlTransformer {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveDropIns.class);
    /** The names File Install's filter for {@code load/} lets through; the converter reads the bytes. */
    private static final Pattern ARCHIVE = Pattern.compile("(?i).+\\.(tar\\.gz|tgz|tar|zip)");

    static final String FOLDER = "dropped-apps";

    /** Whether a bundle of this symbolic name and version is installed from another location. */
    @FunctionalInterface
    interface Installed {
        boolean elsewhere(String symbolicName, String version, String location);
    }

    private final Path folder;
    private final Installed installed;
    private final Limits limits = Limits.defaults();

    @Activate
    public ArchiveDropIns(BundleContext context, @Reference InstanceService instances) {
        this(
                instances.dataDirectory().resolve(FOLDER),
                (symbolicName, version, location) -> Arrays.stream(context.getBundles())
                        .anyMatch(b -> symbolicName.equals(b.getSymbolicName())
                                && b.getVersion().equals(Version.parseVersion(version))
                                && !b.getLocation().equals(location)));
    }

    ArchiveDropIns(Path folder, Installed installed) {
        this.folder = folder;
        this.installed = installed;
        clear();
    }

    @Override
    public boolean canHandle(File artifact) {
        return isArchive(artifact.getName()) && artifact.isFile();
    }

    /** Whether a file of this name is taken for an app archive. */
    static boolean isArchive(String fileName) {
        return ARCHIVE.matcher(fileName).matches();
    }

    /** The location of the app bundle of {@code artifact}, or null when the archive is refused. */
    @Override
    public @Nullable URL transform(URL artifact) throws URISyntaxException, MalformedURLException {
        Path archive = Path.of(artifact.toURI());
        String name = archive.getFileName().toString();
        Path jar = folder.resolve(name + ".jar");
        try (InputStream in = Files.newInputStream(archive)) {
            Files.createDirectories(folder);
            AppBundle made = AppArchives.convert(in, null, limits, jar);
            URL location = jar.toUri().toURL();
            if (installed.elsewhere(made.symbolicName(), made.bundleVersion(), location.toString())) {
                // File Install would update that bundle in place, then uninstall it with the file.
                LOG.warn(
                        "App archive '{}' in the load folder is left out: {} {} is already installed, by the"
                                + " installer or from another file",
                        name,
                        made.symbolicName(),
                        made.bundleVersion());
                Files.deleteIfExists(jar);
                return null;
            }
            LOG.info(
                    "App archive '{}' in the load folder is {} '{}' {}",
                    name,
                    made.type().id(),
                    made.slug(),
                    made.version());
            return location;
        } catch (ArchiveException e) {
            LOG.warn("App archive '{}' in the load folder is refused ({}): {}", name, e.reason(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("App archive '{}' in the load folder cannot be read: {}", name, e.toString());
        }
        return null;
    }

    /** Deletes the jars of an earlier run. */
    private void clear() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder)) {
            for (Path jar : jars) {
                Files.deleteIfExists(jar);
            }
        } catch (IOException e) {
            LOG.warn("Cannot empty {}: {}", folder, e.toString());
        }
    }
}
