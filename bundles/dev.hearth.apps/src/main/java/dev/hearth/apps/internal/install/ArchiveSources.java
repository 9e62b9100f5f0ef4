package dev.hearth.apps.internal.install;

import dev.hearth.apps.internal.registry.DownloadException;
import dev.hearth.apps.internal.registry.Downloads;
import dev.hearth.apps.internal.registry.Downloads.Downloaded;
import dev.hearth.apps.internal.registry.RegistriesImpl;
import dev.hearth.apps.internal.registry.RegistrySource;
import dev.hearth.common.error.ApiException;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The archive a source names: a {@code file:} archive of the server's machine, an {@code
 * http(s)://...tar.gz[#sha256]} download, or a {@code registry://} version found in the
 * registries of the instance's context and downloaded from where that registry keeps it. Every
 * download is bounded and checked before the archive goes the way a file goes.
 */
@Component(service = ArchiveSources.class)
public final class ArchiveSources {
    static final String NOT_REACHABLE = "Application manifest is not reachable";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final RegistriesImpl registries;
    private final InstanceService instances;

    @Activate
    public ArchiveSources(@Reference RegistriesImpl registries, @Reference InstanceService instances) {
        this.registries = registries;
        this.instances = instances;
    }

    /** An archive ready to read; closing it deletes what was downloaded. */
    record Archive(Path file, @Nullable Downloaded download) implements AutoCloseable {
        /** The archive of a download: its file, deleted on close. */
        static Archive of(Downloaded download) {
            return new Archive(download.file(), download);
        }

        InputStream stream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void close() {
            if (download != null) {
                download.close();
            }
        }
    }

    /**
     * Opens the archive of a source for an instance.
     *
     * @throws ApiException 422 on a malformed source or another scheme, 404 when there is nothing
     *     there, 413 or 504 when the download is too large or too slow, 422 when its checksum differs
     */
    Archive open(String domain, String source) {
        if (RegistrySource.isRegistry(source)) {
            return fromRegistry(domain, source);
        }
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("Source", "Invalid source " + source);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> new Archive(file(uri, source), null);
            case "http", "https" -> fromUrl(uri);
            default -> throw ApiException.invalidParameter("Source", "Unsupported source scheme " + uri.getScheme());
        };
    }

    private static Path file(URI uri, String source) {
        Path file;
        try {
            file = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("Source", "Invalid source " + source);
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound(NOT_REACHABLE);
        }
        return file;
    }

    private Archive fromUrl(URI uri) {
        String fragment = uri.getFragment();
        if (fragment != null && !SHA256.matcher(fragment).matches()) {
            throw ApiException.invalidParameter("Source", "The fragment of the source must be the archive's SHA-256");
        }
        try {
            URI plain = new URI(uri.getScheme(), uri.getRawSchemeSpecificPart(), null);
            return Archive.of(registries.downloads().fetch(URI.create(plain.toString()), fragment));
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("Source", "Invalid source " + uri);
        } catch (DownloadException e) {
            throw e.toApiError();
        } catch (IOException e) {
            throw ApiException.notFound(NOT_REACHABLE + ": " + e.getMessage());
        }
    }

    private Archive fromRegistry(String domain, String source) {
        RegistrySource wanted = RegistrySource.parse(source)
                .orElseThrow(() -> ApiException.invalidParameter("Source", "Invalid source " + source));
        String context = instances.get(domain).contextName();
        RegistriesImpl.Resolved found;
        try {
            found = registries.resolve(context, wanted).orElseThrow(() -> ApiException.notFound(NOT_REACHABLE));
        } catch (RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw new ApiException(502, "Bad Gateway", e.getMessage(), "Source", null);
        }
        String sha256 = found.version().path("sha256").asText();
        if (!SHA256.matcher(sha256).matches()) {
            throw new ApiException(
                    502, "Bad Gateway", "The registry gives no SHA-256 for this version", "Source", null);
        }
        Downloads downloads = registries.downloads();
        String version = found.version().path("version").asText();
        try {
            if (found.source().folder() != null) {
                Path tarball = found.source()
                        .folder()
                        .tarball(wanted.slug(), version)
                        .orElseThrow(() -> ApiException.notFound(NOT_REACHABLE));
                return Archive.of(downloads.copy(tarball, sha256));
            }
            URI url = URI.create(found.version().path("url").asText());
            return Archive.of(downloads.fetch(url, sha256));
        } catch (DownloadException e) {
            throw e.toApiError();
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.notFound(NOT_REACHABLE + ": " + e.getMessage());
        }
    }
}
