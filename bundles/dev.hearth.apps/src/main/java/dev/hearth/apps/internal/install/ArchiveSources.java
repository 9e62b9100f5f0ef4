package dev.hearth.apps.internal.install;

import dev.hearth.common.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The archive a source names: only {@code file:} archives for now. */
final class ArchiveSources {
    static final String NOT_REACHABLE = "Application manifest is not reachable";

    private ArchiveSources() {}

    /**
     * Opens the archive; the caller closes it.
     *
     * @throws ApiException 422 on a malformed source or another scheme, 404 when there is no file
     */
    static InputStream open(String source) throws IOException {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("Source", "Invalid source " + source);
        }
        if (!"file".equals(uri.getScheme())) {
            throw ApiException.invalidParameter("Source", "Unsupported source scheme " + uri.getScheme());
        }
        Path file;
        try {
            file = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("Source", "Invalid source " + source);
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound(NOT_REACHABLE);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound(NOT_REACHABLE);
        }
    }
}
