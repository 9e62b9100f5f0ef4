package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.files.BlobStore;

/**
 * Deletion of content blobs with what derives from them: the thumbnails of a content are blobs
 * whose key is the content's key and a format ({@code <key>-small}), so they live and go with it.
 */
final class Contents {
    private final BlobStore blobs;

    Contents(BlobStore blobs) {
        this.blobs = blobs;
    }

    BlobStore blobs() {
        return blobs;
    }

    /** Deletes a content blob and its thumbnails. */
    void drop(Volume v, String key) {
        if (key.isEmpty()) {
            return;
        }
        blobs.delete(v.domain(), key);
        for (String format : Thumbnails.FORMATS) {
            blobs.delete(v.domain(), Thumbnails.key(key, format));
        }
    }

    /** Deletes the content {@code file} pointed to, unless an old version of it points to it too. */
    void dropUnlessVersioned(Volume v, ObjectNode file) {
        String key = file.path("internal_vfs_id").asText("");
        String versionId = file.path("_id").asText() + "/" + key;
        if (!key.isEmpty() && Versions.find(v, versionId).isEmpty()) {
            drop(v, key);
        }
    }

    /** The content key a blob key belongs to: itself, or the content of a thumbnail. */
    static String owner(String blobKey) {
        int dash = blobKey.lastIndexOf('-');
        if (dash > 0 && Thumbnails.FORMATS.contains(blobKey.substring(dash + 1))) {
            return blobKey.substring(0, dash);
        }
        return blobKey;
    }
}
