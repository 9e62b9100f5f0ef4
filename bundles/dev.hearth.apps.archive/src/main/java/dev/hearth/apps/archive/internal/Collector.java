package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.DUPLICATE_ENTRY;
import static dev.hearth.apps.archive.ArchiveException.Reason.PATH_TOO_LONG;
import static dev.hearth.apps.archive.ArchiveException.Reason.TOO_MANY_ENTRIES;

import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import dev.hearth.apps.archive.internal.Staging.Slice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks every entry the readers find (count, name length, name form, uniqueness) and stages the
 * files. Uniqueness is judged on canonical names, so {@code ./a} and {@code a} are the same entry,
 * and a path may not be a file and a directory at once: which one would win is up to the tool
 * that extracts it, and the jar must not depend on that.
 */
final class Collector implements EntryHandler {
    private final Limits limits;
    private final Staging staging;
    private final Map<String, Slice> files = new LinkedHashMap<>();
    private final Set<String> directories = new LinkedHashSet<>();
    private final Set<String> parents = new HashSet<>();
    private int entries;
    private long fileBytes;

    Collector(Limits limits, Staging staging) {
        this.limits = limits;
        this.staging = staging;
    }

    @Override
    public void directory(String name) throws ArchiveException {
        String path = accept(name, true);
        if (path.isEmpty()) {
            return;
        }
        if (!directories.add(path) || files.containsKey(path)) {
            throw duplicate(name);
        }
        addParents(name, path);
    }

    @Override
    public void file(String name, InputStream data) throws IOException {
        String path = accept(name, false);
        if (files.containsKey(path) || directories.contains(path) || parents.contains(path)) {
            throw duplicate(name);
        }
        addParents(name, path);
        Slice slice = staging.copy(name, data, limits.maxEntryBytes());
        files.put(path, slice);
        fileBytes += slice.length();
    }

    /** The staged files by canonical name, in archive order. */
    Map<String, Slice> files() {
        return files;
    }

    /** The directories the archive names itself, canonical, in archive order. */
    Set<String> directories() {
        return directories;
    }

    /** Entries accepted so far (files and directories, the root included). */
    int entries() {
        return entries;
    }

    /** The total size of the files. */
    long fileBytes() {
        return fileBytes;
    }

    private String accept(String name, boolean directory) throws ArchiveException {
        if (++entries > limits.maxEntries()) {
            throw new ArchiveException(
                    TOO_MANY_ENTRIES, "The archive has more than " + limits.maxEntries() + " entries");
        }
        checkLength(name, limits.maxPathLength());
        return EntryNames.normalize(name, directory);
    }

    /** Refuses a name longer than {@code max} UTF-8 bytes. */
    static void checkLength(String name, int max) throws ArchiveException {
        if (name.length() > max || name.getBytes(StandardCharsets.UTF_8).length > max) {
            throw new ArchiveException(
                    PATH_TOO_LONG, "The entry " + EntryNames.quote(name) + " is longer than " + max + " bytes");
        }
    }

    private void addParents(String name, String path) throws ArchiveException {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (files.containsKey(parent)) {
                throw duplicate(name);
            }
            parents.add(parent);
        }
    }

    private static ArchiveException duplicate(String name) {
        return new ArchiveException(
                DUPLICATE_ENTRY,
                "The entry " + EntryNames.quote(name) + " is a second entry for the same path, or both a file and"
                        + " a directory");
    }
}
