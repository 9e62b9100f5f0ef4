package dev.hearth.files.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the file system. */
@ObjectClassDefinition(
        name = "Hearth files",
        description = "Checks and old versions of the file system of the instances.")
public @interface FilesConfig {
    String PID = "dev.hearth.files";

    @AttributeDefinition(
            name = "Startup check",
            description = "At start, check every instance's files (documents against blobs) in the background and"
                    + " log what is inconsistent; staged uploads a stopped process left behind are always removed.")
    boolean startupCheck() default true;

    @AttributeDefinition(
            name = "Old versions per file",
            description = "How many old versions of its content a file keeps at most (0: none). The oldest"
                    + " untagged version goes first.")
    int maxVersions() default 20;

    @AttributeDefinition(
            name = "Seconds between two versions",
            description = "An overwrite within this delay of the last old version does not keep one more"
                    + " (unless the file has tags).")
    int minSecondsBetweenVersions() default 900;

    @AttributeDefinition(
            name = "Blob store",
            description = "Which blob store keeps the file contents, as a filter on its service properties:"
                    + " (hearth.blobs=local) for the instance folders, (hearth.blobs=s3) for an S3 bucket. The default takes the highest ranked"
                    + " store present when the file system starts (the instance folders unless another store"
                    + " is configured); naming one makes the file system wait for it.")
    String blobs_target() default "(hearth.blobs=*)";
}
