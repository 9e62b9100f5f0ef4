package dev.hearth.files.s3.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the blobs go when the file system keeps them on an S3-compatible object store. */
@ObjectClassDefinition(
        name = "Hearth files on S3",
        description = "File contents in one bucket of an S3-compatible server instead of the instance folders."
                + " The store exists only while this configuration does; the file system uses it when its"
                + " 'blobs.target' selects (hearth.blobs=s3).")
public @interface S3Config {
    String PID = "dev.hearth.files.s3";

    @AttributeDefinition(
            name = "Endpoint",
            description = "The server's URL, such as https://s3.eu-west-3.amazonaws.com or http://127.0.0.1:9000.")
    String endpoint();

    @AttributeDefinition(name = "Region", description = "The region the requests are signed for.")
    String region() default "us-east-1";

    @AttributeDefinition(name = "Bucket", description = "The bucket; it must exist.")
    String bucket();

    @AttributeDefinition(
            name = "Key prefix",
            description =
                    "Put before every object key (such as 'hearth/'), so that one bucket can hold several servers' blobs.")
    String prefix() default "";

    @AttributeDefinition(
            name = "Path-style URLs",
            description = "endpoint/bucket/key (most self-hosted servers) rather than bucket.endpoint/key.")
    boolean pathStyle() default true;

    @AttributeDefinition(name = "Access key")
    String accessKey();

    /** {@code .secretKey}: the leading dot keeps it out of the store's service properties. */
    @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD)
    String _secretKey();

    @AttributeDefinition(
            name = "Part size (MiB)",
            description =
                    "Uploads are sent in parts of this size (at least 5), one part held in memory at a time per upload.")
    int partMegabytes() default 8;

    @AttributeDefinition(name = "Request timeout (seconds)")
    int timeoutSeconds() default 30;

    @AttributeDefinition(
            name = "Staging grace (minutes)",
            description = "Staged uploads older than this are removed by the clean-up of an instance; younger ones may"
                    + " belong to an upload still running on another node.")
    int stagingGraceMinutes() default 60;
}
