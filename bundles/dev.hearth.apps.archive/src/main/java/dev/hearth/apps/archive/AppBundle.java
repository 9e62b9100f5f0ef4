package dev.hearth.apps.archive;

/**
 * What a conversion produced: the app the jar holds and what was read to make it.
 *
 * @param slug the app's slug (the one asked for, or the manifest's)
 * @param type webapp or konnector, from the manifest's file name
 * @param version the manifest's {@code version}, as written there
 * @param bundleVersion the OSGi {@code Bundle-Version} derived from it (see {@link
 *     AppArchives#bundleVersion(String)})
 * @param sha256 the lowercase hex SHA-256 of every byte read from the input stream, the value Cozy
 *     compares with a registry's or a source URL's checksum
 * @param entries the archive entries taken (regular files and directories, the top folder
 *     included), the count {@link Limits#maxEntries()} bounds
 * @param uncompressedBytes the total size of the app's files
 */
public record AppBundle(
        String slug,
        AppType type,
        String version,
        String bundleVersion,
        String sha256,
        int entries,
        long uncompressedBytes) {

    /** The jar's {@code Bundle-SymbolicName}. */
    public String symbolicName() {
        return type.symbolicName(slug);
    }
}
