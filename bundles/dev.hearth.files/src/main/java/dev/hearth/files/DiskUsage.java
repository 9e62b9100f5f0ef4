package dev.hearth.files;

/**
 * What the files of an instance take.
 *
 * @param used bytes of the current contents and the old versions, what the quota limits
 * @param quota the instance's quota in bytes, 0 when unlimited
 * @param files how many files
 * @param versions bytes of the old versions (part of {@code used})
 */
public record DiskUsage(long used, long quota, long files, long versions) {

    /** Usage without old versions. */
    public DiskUsage(long used, long quota, long files) {
        this(used, quota, files, 0);
    }
}
