package dev.hearth.apps.archive.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives an archive's entries as a reader finds them. Readers refuse links, devices and unknown
 * kinds themselves, so only directories and regular files arrive here, with their names as
 * written in the archive (decoded, not yet checked).
 */
interface EntryHandler {
    /** A directory entry. */
    void directory(String name) throws IOException;

    /**
     * A regular file; {@code data} yields its real bytes and fails when the archive ends early.
     * The reader skips whatever the handler leaves unread.
     */
    void file(String name, InputStream data) throws IOException;
}
