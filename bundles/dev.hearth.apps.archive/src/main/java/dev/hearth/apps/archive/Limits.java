package dev.hearth.apps.archive;

/**
 * Bounds on what one archive may cost. Every count is of real bytes as they are read, never of
 * sizes the archive declares; a declared size over a limit is refused before it is read.
 *
 * @param maxCompressedBytes the input stream's size (Cozy's registry accepts 20 MiB)
 * @param maxUncompressedBytes what decompression may produce: the whole tar stream (headers and
 *     padding included) for a tar or tar.gz, the entries' contents for a zip
 * @param maxEntries the archive's entries: files and directories, pax and GNU name headers not
 *     counted
 * @param maxEntryBytes the size of one file
 * @param maxPathLength the length of an entry name in UTF-8 bytes, before the top folder is stripped
 * @param maxRatio how many times decompression may expand the input once it has produced more than
 *     1 MiB (below that, small archives of zeros stay acceptable)
 */
public record Limits(
        long maxCompressedBytes,
        long maxUncompressedBytes,
        int maxEntries,
        long maxEntryBytes,
        int maxPathLength,
        int maxRatio) {

    /** Checks that every limit is positive. */
    public Limits {
        if (maxCompressedBytes <= 0
                || maxUncompressedBytes <= 0
                || maxEntries <= 0
                || maxEntryBytes <= 0
                || maxPathLength <= 0
                || maxRatio <= 0) {
            throw new IllegalArgumentException("Every archive limit must be positive");
        }
    }

    /**
     * Limits that fit web apps and konnectors with room to spare: 64 MiB in, 256 MiB out, 10,000
     * entries, 64 MiB per file, 1,024-byte names, a ratio of 100 (a tar.gz of text files is
     * around 5 to 10; deflate's worst case is about 1,000).
     */
    public static Limits defaults() {
        return new Limits(64L << 20, 256L << 20, 10_000, 64L << 20, 1024, 100);
    }

    /** These limits with another input size. */
    public Limits withMaxCompressedBytes(long value) {
        return new Limits(value, maxUncompressedBytes, maxEntries, maxEntryBytes, maxPathLength, maxRatio);
    }

    /** These limits with another decompressed size. */
    public Limits withMaxUncompressedBytes(long value) {
        return new Limits(maxCompressedBytes, value, maxEntries, maxEntryBytes, maxPathLength, maxRatio);
    }

    /** These limits with another entry count. */
    public Limits withMaxEntries(int value) {
        return new Limits(maxCompressedBytes, maxUncompressedBytes, value, maxEntryBytes, maxPathLength, maxRatio);
    }

    /** These limits with another file size. */
    public Limits withMaxEntryBytes(long value) {
        return new Limits(maxCompressedBytes, maxUncompressedBytes, maxEntries, value, maxPathLength, maxRatio);
    }

    /** These limits with another name length. */
    public Limits withMaxPathLength(int value) {
        return new Limits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxEntryBytes, value, maxRatio);
    }

    /** These limits with another expansion ratio. */
    public Limits withMaxRatio(int value) {
        return new Limits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxEntryBytes, maxPathLength, value);
    }
}
