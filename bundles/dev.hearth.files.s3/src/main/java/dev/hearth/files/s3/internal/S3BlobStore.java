package dev.hearth.files.s3.internal;

import dev.hearth.common.id.Ids;
import dev.hearth.files.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob store on an S3-compatible server: blob {@code key} of an instance is the object
 * {@code <prefix><domain>/blobs/<key>}. An upload streams into a staging object
 * {@code <prefix><domain>/staging/<random>}; a commit copies it in place on the server (S3 has no
 * rename, and a copy is atomic: the blob is whole or absent) and deletes the staging object.
 * Exists only while configured; {@code hearth.blobs=s3} lets the file system select it.
 */
@Component(
        service = BlobStore.class,
        configurationPid = S3Config.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"hearth.blobs=s3", "service.ranking:Integer=100"})
@Designate(ocd = S3Config.class)
public final class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    static final int MIN_PART = 5 * 1024 * 1024;
    /** The largest object one CopyObject may copy; bigger ones are copied part by part. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;

    private final S3Client s3;
    private final String prefix;
    private final int partSize;
    private final long singleCopyLimit;
    private final long copyPartSize;
    private final Duration stagingGrace;

    @Activate
    public S3BlobStore(S3Config config) {
        this(
                client(config),
                config.prefix(),
                Math.max(MIN_PART, config.partMegabytes() * 1024 * 1024),
                MAX_SINGLE_COPY,
                Duration.ofMinutes(Math.max(0, config.stagingGraceMinutes())));
        LOG.info("File contents go to bucket '{}' at {}", config.bucket(), config.endpoint());
    }

    S3BlobStore(S3Client s3, String prefix, int partSize, long singleCopyLimit, Duration stagingGrace) {
        this.s3 = s3;
        this.prefix = prefix;
        this.partSize = partSize;
        this.singleCopyLimit = singleCopyLimit;
        this.copyPartSize = Math.min(singleCopyLimit, 512L * 1024 * 1024);
        this.stagingGrace = stagingGrace;
    }

    static S3Client client(S3Config config) {
        URI endpoint = URI.create(required(config.endpoint(), "endpoint"));
        if (endpoint.getHost() == null
                || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
            throw new IllegalArgumentException("S3 endpoint must be an http(s) URL: " + config.endpoint());
        }
        String region =
                config.region().isBlank() ? "us-east-1" : config.region().strip();
        SigV4 signer = new SigV4(
                required(config.accessKey(), "accessKey"), required(config._secretKey(), ".secretKey"), region);
        Duration timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        String bucket = required(config.bucket(), "bucket");
        return new S3Client(new S3Http(endpoint, bucket, config.pathStyle(), signer, timeout), bucket);
    }

    private static String required(String value, String attribute) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("No " + attribute + " in configuration " + S3Config.PID);
        }
        return value.strip();
    }

    private String blobs(String domain) {
        return prefix + domain + "/blobs/";
    }

    private String staging(String domain) {
        return prefix + domain + "/staging/";
    }

    private String blob(String domain, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid blob key");
        }
        return blobs(domain) + key;
    }

    @Override
    public Staged stage(String domain, InputStream content, long maxBytes) throws IOException {
        String key = staging(domain) + Ids.randomHex(16);
        S3Staging upload = new S3Staging(s3, key, partSize);
        long size = upload.run(content, maxBytes);
        return new S3Staged(domain, key, size, upload.md5());
    }

    private final class S3Staged implements Staged {
        private final String domain;
        private final String key;
        private final long size;
        private final byte[] md5;
        private boolean gone;

        S3Staged(String domain, String key, long size, byte[] md5) {
            this.domain = domain;
            this.key = key;
            this.size = size;
            this.md5 = md5;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] md5() {
            return md5.clone();
        }

        @Override
        public void commit(String target) throws IOException {
            String blob = blob(domain, target);
            if (size <= singleCopyLimit) {
                s3.copy(key, blob);
            } else {
                copyInParts(key, blob, size);
            }
            close();
        }

        @Override
        public void close() {
            if (!gone) {
                gone = true;
                try {
                    s3.delete(key);
                } catch (IOException e) {
                    LOG.warn("Staged upload {} could not be removed; the next clean-up will: {}", key, e.getMessage());
                }
            }
        }
    }

    private void copyInParts(String source, String target, long size) throws IOException {
        String uploadId = s3.createMultipart(target);
        boolean done = false;
        try {
            List<String> etags = new ArrayList<>();
            for (long first = 0; first < size; first += copyPartSize) {
                long last = Math.min(size, first + copyPartSize) - 1;
                etags.add(s3.uploadPartCopy(source, target, uploadId, etags.size() + 1, first, last));
            }
            s3.complete(target, uploadId, etags);
            done = true;
        } finally {
            if (!done) {
                try {
                    s3.abort(target, uploadId);
                } catch (IOException e) {
                    LOG.warn("Copy to {} could not be aborted: {}", target, e.getMessage());
                }
            }
        }
    }

    @Override
    public InputStream open(String domain, String key, long offset) throws IOException {
        return s3.get(blob(domain, key), offset);
    }

    @Override
    public long size(String domain, String key) {
        try {
            return s3.size(blob(domain, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String domain, String key) {
        try {
            s3.delete(blob(domain, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void forEach(String domain, Consumer<String> action) throws IOException {
        String from = blobs(domain);
        s3.list(from, o -> action.accept(o.key().substring(from.length())));
    }

    /**
     * Removes staged uploads older than the grace delay: staging objects, and multipart uploads
     * never completed (where the server lists them). Younger ones may be uploads still running
     * on another node of a cluster.
     */
    @Override
    public int cleanStaging(String domain) throws IOException {
        Instant before = Instant.now().minus(stagingGrace);
        List<String> old = new ArrayList<>();
        s3.list(staging(domain), o -> {
            if (olderThan(o.lastModified(), before)) {
                old.add(o.key());
            }
        });
        for (String key : old) {
            s3.delete(key);
        }
        int removed = old.size();
        try {
            for (S3Client.Pending p : s3.pending(staging(domain))) {
                if (olderThan(p.initiated(), before)) {
                    s3.abort(p.key(), p.uploadId());
                    removed++;
                }
            }
        } catch (S3Exception e) {
            LOG.debug("Unfinished multipart uploads cannot be listed here: {}", e.getMessage());
        }
        return removed;
    }

    private static boolean olderThan(String timestamp, Instant before) {
        try {
            return !Instant.parse(timestamp).isAfter(before);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
