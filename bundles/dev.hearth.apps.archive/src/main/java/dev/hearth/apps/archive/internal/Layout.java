package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.MULTIPLE_MANIFESTS;
import static dev.hearth.apps.archive.ArchiveException.Reason.NO_MANIFEST;
import static dev.hearth.apps.archive.ArchiveException.Reason.RESERVED_PATH;

import dev.hearth.apps.archive.AppType;
import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.internal.Staging.Slice;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the app lies in the archive and what the jar will hold. When every entry sits under one
 * top folder (Cozy's {@code tar_prefix}, as in {@code hello-1.0.0/}), that folder is stripped;
 * then the manifest must be at the root. A manifest deeper down is an ordinary file: looking for
 * it would make the app's root depend on the archive's layout.
 *
 * @param type the app's kind, from its manifest's file name
 * @param manifest the manifest file's data
 * @param files the app's files by jar path, sorted
 * @param directories the jar's directories (each with a trailing {@code /}), sorted: the ones
 *     the archive names and the parents of every file
 */
record Layout(AppType type, Slice manifest, SortedMap<String, Slice> files, SortedSet<String> directories) {

    /** Lays out what the collector accepted. */
    static Layout of(Collector collector) throws ArchiveException {
        String prefix = prefix(collector.files().keySet(), collector.directories());
        SortedMap<String, Slice> files = new TreeMap<>();
        SortedSet<String> directories = new TreeSet<>();
        for (Map.Entry<String, Slice> file : collector.files().entrySet()) {
            String path = reserved(file.getKey().substring(prefix.length()));
            files.put(path, file.getValue());
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                directories.add(path.substring(0, slash + 1));
            }
        }
        for (String directory : collector.directories()) {
            if (directory.length() > prefix.length()) {
                directories.add(reserved(directory.substring(prefix.length())) + "/");
            }
        }
        Slice webapp = files.get(AppType.WEBAPP.manifestName());
        Slice konnector = files.get(AppType.KONNECTOR.manifestName());
        if (webapp != null && konnector != null) {
            throw new ArchiveException(
                    MULTIPLE_MANIFESTS, "The archive has both a manifest.webapp and a manifest.konnector");
        }
        if (webapp != null) {
            return new Layout(AppType.WEBAPP, webapp, files, directories);
        }
        if (konnector != null) {
            return new Layout(AppType.KONNECTOR, konnector, files, directories);
        }
        throw new ArchiveException(
                NO_MANIFEST,
                "The archive has no manifest.webapp or manifest.konnector at its root or under its single top"
                        + " folder");
    }

    /** The single top folder every entry is under, with its slash, or {@code ""}. */
    private static String prefix(Collection<String> files, Collection<String> directories) {
        String top = null;
        for (String file : files) {
            int slash = file.indexOf('/');
            if (slash < 0 || (top != null && !top.equals(file.substring(0, slash)))) {
                return "";
            }
            top = file.substring(0, slash);
        }
        if (top == null) {
            return "";
        }
        for (String directory : directories) {
            int slash = directory.indexOf('/');
            if (!top.equals(slash < 0 ? directory : directory.substring(0, slash))) {
                return "";
            }
        }
        return top + "/";
    }

    /** Refuses app paths under {@code META-INF/}, which the jar's manifest and signatures own. */
    private static String reserved(String path) throws ArchiveException {
        String upper = path.toUpperCase(Locale.ROOT);
        if (upper.equals("META-INF") || upper.startsWith("META-INF/")) {
            throw new ArchiveException(
                    RESERVED_PATH, "The app path " + EntryNames.quote(path) + " is reserved for the jar");
        }
        return path;
    }
}
