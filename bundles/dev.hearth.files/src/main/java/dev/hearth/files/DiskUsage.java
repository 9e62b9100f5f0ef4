package dev.hearth.files;

/**
 * What the files of an instance take.
 *
 * @param used bytes of the current contents
 * @param quota the instance's quota in bytes, 0 when unlimited
 * @param files how many files
 */
public record DiskUsage(long used, long quota, long files) {}
