package dev.hearth.apps.internal.registry;

import dev.hearth.apps.internal.registry.DownloadException.Kind;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Every download of an app archive, bounded in size and time, into {@code <data-dir>/downloads/}
 * (emptied at start: what is there was cut short by a crash), with its SHA-256 checked against
 * the one expected before anyone reads it.
 */
@Component(service = Downloads.class, configurationPid = RegistriesConfig.PID)
@Designate(ocd = RegistriesConfig.class)
public final class Downloads {
    private final Path folder;
    private final long maxBytes;
    private final Fetcher archives;
    private final Fetcher registries;

    @Activate
    public Downloads(@Reference InstanceService instances, RegistriesConfig config) {
        this.folder = instances.dataDirectory().resolve("downloads");
        this.maxBytes = (long) Math.max(1, config.downloadMaxMegabytes()) << 20;
        this.archives = new Fetcher(Duration.ofSeconds(Math.max(1, config.downloadTimeoutSeconds())));
        this.registries = new Fetcher(Duration.ofSeconds(Math.max(1, config.registryTimeoutSeconds())));
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> left = Files.newDirectoryStream(folder)) {
                for (Path file : left) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + folder, e);
        }
    }

    @Deactivate
    void deactivate() {
        archives.close();
        registries.close();
    }

    /** The fetcher of registry answers, with the registry time. */
    Fetcher registryFetcher() {
        return registries;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Downloads an http(s) URL into a new file, which the caller deletes.
     *
     * @param sha256 the expected SHA-256, or null to take what comes (its hash is in the name)
     */
    public Downloaded fetch(URI url, @Nullable String sha256) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DownloadException(Kind.UNREACHABLE, "Only http and https URLs are downloaded: " + url);
        }
        Path file = Files.createTempFile(folder, "download-", ".tmp");
        String actual = archives.download(url, maxBytes, sha256, file);
        return new Downloaded(file, actual);
    }

    /** Copies a local file as a download, with the same bound and check. */
    public Downloaded copy(Path source, @Nullable String sha256) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new DownloadException(Kind.UNREACHABLE, "No file " + source);
        }
        if (Files.size(source) > maxBytes) {
            throw new DownloadException(Kind.TOO_LARGE, BoundedSink.tooLarge(maxBytes));
        }
        Path file = Files.createTempFile(folder, "download-", ".tmp");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
                OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (sha256 != null && !sha256.toLowerCase(Locale.ROOT).equals(actual)) {
            Files.deleteIfExists(file);
            throw new DownloadException(
                    Kind.CHECKSUM,
                    "Checksum does not match the calculated one (expecting \"" + sha256 + "\", got \"" + actual
                            + "\")");
        }
        return new Downloaded(file, actual);
    }

    /** A downloaded file and its SHA-256; closing deletes the file. */
    public record Downloaded(Path file, String sha256) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the next start to delete
            }
        }
    }
}
