package dev.hearth.apps.archive;

import java.io.IOException;
import java.io.Serial;

/**
 * An app archive refused: the archive, not the server, is at fault, so the caller answers with a
 * client error carrying {@link #getMessage()}. It is an {@link IOException} so that refusals
 * found deep inside decompression travel up through the streams unchanged; callers catch it
 * before other I/O errors, which mean the input stream or the disk failed.
 */
public final class ArchiveException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why an archive was refused. */
    public enum Reason {
        /** Neither gzip, zip nor a ustar tar by its first bytes, or a gzip that holds no tar. */
        UNKNOWN_FORMAT,
        /** More input bytes than {@link Limits#maxCompressedBytes()}. */
        ARCHIVE_TOO_LARGE,
        /** More decompressed bytes than {@link Limits#maxUncompressedBytes()}. */
        UNCOMPRESSED_TOO_LARGE,
        /** Decompression expanded the input more than {@link Limits#maxRatio()} times: a bomb. */
        COMPRESSION_RATIO,
        /** More entries than {@link Limits#maxEntries()}. */
        TOO_MANY_ENTRIES,
        /** One file larger than {@link Limits#maxEntryBytes()}, declared or real. */
        ENTRY_TOO_LARGE,
        /** An entry name longer than {@link Limits#maxPathLength()} bytes. */
        PATH_TOO_LONG,
        /**
         * A name that could escape the app or mean different files on different systems: {@code
         * ..}, an absolute path, a backslash, a drive letter, an empty segment, a control character
         * (NUL included), or bytes that are not UTF-8.
         */
        UNSAFE_PATH,
        /** An app path under {@code META-INF/}, which belongs to the jar and its signatures. */
        RESERVED_PATH,
        /** A symbolic or hard link. */
        LINK,
        /** A device, a FIFO or a socket. */
        SPECIAL_FILE,
        /** An entry kind that is not supported: an unknown tar type, sparse files, zip64, encryption. */
        UNSUPPORTED_ENTRY,
        /** The same path twice, or a path that is both a file and a directory. */
        DUPLICATE_ENTRY,
        /** The archive ends before its own framing says it does. */
        TRUNCATED,
        /** Bad checksums or CRCs, invalid compressed data, or headers that disagree. */
        CORRUPT,
        /** No {@code manifest.webapp} or {@code manifest.konnector} at the root or under the single top folder. */
        NO_MANIFEST,
        /** Both a {@code manifest.webapp} and a {@code manifest.konnector}. */
        MULTIPLE_MANIFESTS,
        /** A manifest that is not one JSON object, too large, or without a usable {@code version}. */
        INVALID_MANIFEST,
        /** A slug that does not match {@code ^[a-z0-9-]+$} or is longer than a DNS label (63). */
        INVALID_SLUG,
        /** The manifest names another slug than the one asked for. */
        SLUG_MISMATCH,
        /** The manifest's {@code type} contradicts its file name. */
        TYPE_MISMATCH
    }

    private final Reason reason;

    /**
     * Creates a refusal.
     *
     * @param reason why the archive is refused
     * @param message what was found, for the client; entry names in it are already escaped
     */
    public ArchiveException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the archive was refused. */
    public Reason reason() {
        return reason;
    }
}
