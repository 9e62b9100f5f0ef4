package dev.hearth.apps.internal;

import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppResource;
import dev.hearth.apps.DeployedApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deployed app and its files: entries of its bundle under the folder of its manifest, read as
 * entries (never through the class loader, which would also see what the bundle imports).
 */
final class DeployedAppImpl implements DeployedApp {
    private static final Logger LOG = LoggerFactory.getLogger(DeployedAppImpl.class);

    /** Folders of the bundle format itself, never served when the app is the bundle's root. */
    private static final Set<String> FRAMEWORK_FOLDERS = Set.of("META-INF", "OSGI-INF");

    /** Where entries come from: {@code Bundle::getEntry}; a folder in tests. */
    @FunctionalInterface
    interface Entries {
        /** The entry {@code name} (a folder when it ends with {@code /}), or null when absent. */
        @Nullable
        URL entry(String name);
    }

    private record Digest(long size, String etag) {}

    private final long bundleId;
    private final AppManifest manifest;
    private final String folder;
    private final Entries entries;
    private final Instant lastModified;
    /** Size and ETag per entry found, computed once: an entry cannot change within a deployment. */
    private final Map<String, Digest> digests = new ConcurrentHashMap<>();
    /**
     * The files found, by entry name: asking the framework for an entry (twice, to tell a file
     * from a folder) was a tenth of an asset's cost. Only entries that exist are kept, so the map
     * is bounded by the bundle's own files, whatever paths are asked.
     */
    private final Map<String, Resource> found = new ConcurrentHashMap<>();

    /**
     * @param folder the app's folder in the bundle: empty (the root) or ending with {@code /}
     * @param lastModified when the bundle was installed or last updated
     */
    DeployedAppImpl(long bundleId, AppManifest manifest, String folder, Entries entries, Instant lastModified) {
        this.bundleId = bundleId;
        this.manifest = manifest;
        this.folder = folder;
        this.entries = entries;
        this.lastModified = lastModified;
    }

    @Override
    public AppManifest manifest() {
        return manifest;
    }

    @Override
    public long bundleId() {
        return bundleId;
    }

    @Override
    public Optional<AppResource> resource(String path) {
        Optional<String> relative = AppPaths.normalize(path).filter(p -> !p.isEmpty() && !isFrameworkFolder(p));
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        String name = folder + relative.get();
        Resource known = found.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            URL url = entries.entry(name);
            if (url == null || entries.entry(name + "/") != null) {
                return Optional.empty();
            }
            Digest digest = digest(name, url);
            Resource resource = new Resource(
                    relative.get(), digest.size(), lastModified, digest.etag(), ContentTypes.of(name), url);
            found.putIfAbsent(name, resource);
            return Optional.of(resource);
        } catch (IllegalStateException e) {
            return Optional.empty(); // the bundle was uninstalled meanwhile
        } catch (IOException e) {
            LOG.debug("Cannot read '{}' of app '{}' (bundle {})", name, manifest.slug(), bundleId, e);
            return Optional.empty();
        }
    }

    private boolean isFrameworkFolder(String relative) {
        int slash = relative.indexOf('/');
        return folder.isEmpty() && slash > 0 && FRAMEWORK_FOLDERS.contains(relative.substring(0, slash));
    }

    private Digest digest(String name, URL url) throws IOException {
        Digest known = digests.get(name);
        if (known != null) {
            return known;
        }
        MessageDigest sha256 = sha256();
        long size = 0;
        try (InputStream in = new DigestInputStream(url.openStream(), sha256)) {
            byte[] buffer = new byte[16384];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
            }
        }
        Digest computed = new Digest(size, '"' + HexFormat.of().formatHex(sha256.digest(), 0, 16) + '"');
        Digest raced = digests.putIfAbsent(name, computed);
        return raced != null ? raced : computed;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return manifest + " from bundle " + bundleId;
    }

    private record Resource(String path, long size, Instant lastModified, String etag, String contentType, URL url)
            implements AppResource {
        @Override
        public InputStream open() throws IOException {
            return url.openStream();
        }
    }
}
