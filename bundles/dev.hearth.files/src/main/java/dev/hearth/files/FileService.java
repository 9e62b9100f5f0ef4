package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.FindResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The virtual file system of the instances. Entries are {@code io.cozy.files} documents (CouchDB
 * JSON with {@code _id} and {@code _rev}) in the instance's store, so they have realtime events and
 * a changes feed; file contents live in the {@link BlobStore}. Every instance has a root, a trash
 * and a shared drives directory.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s with the statuses of the Cozy API: 404
 * missing entry or parent, 409 name clash, 412 wrong MD5, size or stale revision, 413 over quota,
 * 400 move into its own subtree, 422 bad name or parameter.
 */
@ProviderType
public interface FileService {

    ObjectNode stat(String domain, String id);

    /**
     * Like {@link #stat}, for a caller that only reads the document (a download): the answer may be
     * the same object other readers hold, kept parsed while its revision is unchanged, and must not
     * be modified.
     */
    ObjectNode statShared(String domain, String id);

    ObjectNode statByPath(String domain, String path);

    /** The full path of an entry (a file's directory path and name). */
    String path(String domain, ObjectNode doc);

    /** The ids of the directories above {@code doc}, nearest first. */
    List<String> ancestors(String domain, ObjectNode doc);

    /**
     * A page of the children of a directory, by name.
     *
     * @param cursor the name after which the page starts, or null
     */
    Children children(String domain, String dirId, @Nullable String cursor, int skip, int limit);

    /** Creates a directory in {@code parentId} (the root when null). */
    ObjectNode createDirectory(
            String domain,
            @Nullable String parentId,
            String name,
            List<String> tags,
            @Nullable String createdAt,
            @Nullable ObjectNode metadata);

    /** Creates a file in {@code parentId} from {@code body}, streamed, never held in memory whole. */
    ObjectNode upload(String domain, @Nullable String parentId, Upload upload, InputStream body) throws IOException;

    /**
     * Copies the file {@code id} (content and attributes) into {@code dirId} (its own directory
     * when null) as {@code name}; without a name, the source's, suffixed when taken.
     */
    ObjectNode copy(String domain, String id, @Nullable String name, @Nullable String dirId) throws IOException;

    /** Creates (or finds) the shared drives directory. */
    ObjectNode sharedDrives(String domain);

    /** Replaces the content of the file {@code id}. */
    ObjectNode overwrite(String domain, String id, Upload upload, InputStream body) throws IOException;

    /**
     * Changes attributes: {@code name}, {@code dir_id} (move), {@code tags}, {@code executable},
     * {@code updated_at}, {@code cozyMetadata.favorite}, {@code move_to_trash},
     * {@code permanent_delete}.
     *
     * @return the entry after the change, or as it was when it was deleted for good
     */
    ObjectNode patch(String domain, String id, @Nullable String ifMatch, ObjectNode attributes);

    /**
     * Adds ({@code add}) or removes references {@code {"type","id"}} in a relationship list of the
     * entry: {@code referenced_by}, or {@code not_synchronized_on} (directories only); a reference
     * is there at most once.
     */
    ObjectNode references(String domain, String id, String field, List<ObjectNode> references, boolean add);

    ObjectNode trash(String domain, String id, @Nullable String ifMatch);

    /** Moves an entry out of the trash to where it was (a suffixed name on a clash). */
    ObjectNode restore(String domain, String id);

    /** Deletes an entry of the trash for good, with its contents. */
    void destroy(String domain, String id);

    void emptyTrash(String domain);

    Content content(String domain, String id);

    /**
     * The content of a file whose document the caller has just read with {@link #stat} (and checked
     * its permissions on): spares a second read and parse of the same document on each download.
     */
    Content content(String domain, ObjectNode file);

    /** The total size of the files of an entry (recursive for a directory). */
    long size(String domain, String id);

    /** Mango over {@code io.cozy.files}. */
    FindResult find(String domain, ObjectNode request);

    /**
     * The changes feed of {@code io.cozy.files} as {@code {"last_seq","pending","results"}}, without
     * design documents; {@code includePath} adds each entry's path to its document, {@code skipDeleted}
     * leaves out deletions and {@code skipTrashed} entries in the trash.
     */
    ObjectNode changes(String domain, ChangesQuery query, boolean includePath, boolean skipDeleted, boolean skipTrashed)
            throws IOException;

    /** Keeps metadata for a later upload for ten minutes; answers its id. */
    String stageMetadata(String domain, ObjectNode metadata);

    /** Takes staged metadata. @throws dev.hearth.common.error.ApiException 404 when unknown or expired */
    ObjectNode stagedMetadata(String domain, String id);

    /** A secret that lets one download of the file without a token, for ten minutes. */
    String downloadSecret(String domain, String id);

    /** The file of a download secret, which is used up. */
    Content redeem(String domain, String secret);

    /**
     * Keeps an archive request (entries by id, files by path) for ten minutes; answers its key.
     * Directories are archived with everything below them.
     *
     * @throws dev.hearth.common.error.ApiException 404 when an entry is missing
     */
    String prepareArchive(String domain, List<String> ids);

    /** Writes the zip of an archive request to {@code out} as it reads the files; the key is used up. */
    void writeArchive(String domain, String key, OutputStream out) throws IOException;

    /** Checks documents against blobs; {@code md5} also re-reads every blob. */
    List<Problem> fsck(String domain, boolean md5);

    DiskUsage usage(String domain);

    /**
     * A page of the entries whose {@code referenced_by} holds the document {@code doctype/docId},
     * by id, or by {@code metadata.datetime} (else {@code created_at}) then id.
     */
    ReferencePage referencing(
            String domain,
            String doctype,
            String docId,
            @Nullable String cursor,
            int skip,
            int limit,
            boolean byDatetime);

    /**
     * Adds ({@code add}) or removes the reference to {@code doctype/docId} on each entry of
     * {@code ids}, all in one commit; 404 (and nothing changed) when one is missing.
     */
    void referenceMany(String domain, String doctype, String docId, List<String> ids, boolean add);

    /**
     * The secret of the thumbnail links of {@code doc} (valid ten minutes), or null when it is not
     * an image that gets thumbnails.
     */
    @Nullable
    String thumbnailSecret(String domain, ObjectNode doc);

    /**
     * A thumbnail ({@code tiny}, {@code small}, {@code medium}, {@code large}) of an image, as JPEG.
     *
     * @throws dev.hearth.common.error.ApiException 404 for a wrong or expired secret or a thumbnail
     *     not made (yet, or ever: an image that cannot be decoded), 400 for an unknown format
     */
    Content thumbnail(String domain, String fileId, String secret, String format);

    /**
     * Makes the thumbnails of a content (the {@code internal_vfs_id} of an image) unless it has
     * them all: what {@link ThumbnailRequests} asked for. False when the content is gone or is not
     * an image thumbnails are made of (they never will be).
     *
     * @throws java.io.UncheckedIOException when the content could not be read or a thumbnail written
     */
    boolean makeThumbnails(String domain, String contentKey);

    /**
     * Forgets what the file system keeps in memory about an instance (usage, the reference index)
     * and reads it again from the documents on next use: for a caller that wrote {@code
     * io.cozy.files} documents and their blobs below the file system, such as an import.
     *
     * @since 1.2
     */
    void reload(String domain);
}
