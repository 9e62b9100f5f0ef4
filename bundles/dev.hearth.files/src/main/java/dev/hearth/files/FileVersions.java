package dev.hearth.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The old versions of the files of an instance ({@code io.cozy.files.versions}): the last ones an
 * overwrite kept, read, downloaded, reverted to, tagged and deleted. Errors as {@link FileService}'s.
 */
@ProviderType
public interface FileVersions {

    /** The old versions of a file ({@code io.cozy.files.versions} documents), oldest first. */
    List<ObjectNode> versions(String domain, String fileId);

    /**
     * The old versions of a file whose document the caller has just read (by
     * {@link FileService#stat}), as {@link #versions(String, String)} without reading the file again.
     */
    List<ObjectNode> versions(String domain, ObjectNode file);

    /** One old version of a file; 404 when the file has no such version. */
    ObjectNode version(String domain, String fileId, String versionId);

    /** The content of an old version, with its file's name and type. */
    Content versionContent(String domain, String fileId, String versionId);

    /** Gives the file the content of an old version; the current content becomes an old version. */
    ObjectNode revert(String domain, String fileId, String versionId);

    /** Replaces the tags of an old version. */
    ObjectNode tagVersion(String domain, String fileId, String versionId, List<String> tags);

    /** Deletes an old version and its content. */
    void deleteVersion(String domain, String fileId, String versionId);

    /**
     * Keeps the current content of a file as an old version and gives the file a copy of it with
     * new {@code metadata} and {@code tags} (kept as they are when null or empty).
     */
    ObjectNode newVersion(String domain, String fileId, @Nullable ObjectNode metadata, List<String> tags)
            throws IOException;

    /** Deletes every old version of every file of the instance; answers how many. */
    int purgeVersions(String domain);

    /** A one-use download secret for an old version, as {@link FileService#downloadSecret}. */
    String versionDownloadSecret(String domain, String fileId, String versionId);
}
