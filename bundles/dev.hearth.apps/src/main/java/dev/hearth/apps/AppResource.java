package dev.hearth.apps;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A file of a deployed app, as found in its bundle. Its content cannot change while the bundle
 * stays installed (an update is a new deployment), so size and ETag are computed once.
 */
@ProviderType
public interface AppResource {

    /** Its path inside the app's folder, normalised, without a leading slash ({@code js/app.js}). */
    String path();

    /** Its size in bytes. */
    long size();

    /**
     * When its bundle was installed or last updated: the entry times of a reproducible jar are all
     * the same fixed date and say nothing about when the content changed.
     */
    Instant lastModified();

    /** A strong ETag derived from the content, quoted as the header carries it ({@code "3f2a..."}). */
    String etag();

    /** The media type guessed from the name, with {@code charset=utf-8} for text types. */
    String contentType();

    /**
     * Opens its content; the caller closes the stream.
     *
     * @throws IOException when the bundle is gone or cannot be read
     */
    InputStream open() throws IOException;
}
