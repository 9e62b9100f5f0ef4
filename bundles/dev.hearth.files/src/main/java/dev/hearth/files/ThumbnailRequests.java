package dev.hearth.files;

/**
 * Where the files service sends the thumbnails it wants made: a service another bundle registers
 * (the {@code thumbnail} worker of the jobs queues them as jobs, retried and listed like any job).
 * While none is registered the files service makes them itself, on one background thread. The
 * requested thumbnails are made by {@link FileService#makeThumbnails}.
 */
public interface ThumbnailRequests {

    /**
     * Asks, without waiting, for the thumbnails of the content {@code contentKey} (the file's
     * {@code internal_vfs_id}) of the image {@code fileId}.
     */
    void request(String domain, String fileId, String contentKey);
}
