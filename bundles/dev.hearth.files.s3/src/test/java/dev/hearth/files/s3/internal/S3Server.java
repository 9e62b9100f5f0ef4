package dev.hearth.files.s3.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for the tests: s3proxy on a free loopback port over jclouds' in-memory backend,
 * checking SigV4 signatures with its own credentials, with one empty bucket.
 */
public final class S3Server implements AutoCloseable {
    static final String ACCESS = "hearth-test-access";
    static final String SECRET = "hearth-test-secret-key";
    static final String BUCKET = "hearth-blobs";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public static S3Server start() throws Exception {
        Properties overrides = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("unused", "unused")
                .overrides(overrides)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        for (int i = 0; i < 100 && !proxy.getState().equals("STARTED"); i++) {
            Thread.sleep(50);
        }
        return new S3Server(proxy, context);
    }

    URI endpoint() {
        return endpoint;
    }

    S3Client client() {
        return client(SECRET);
    }

    S3Client client(String secret) {
        SigV4 signer = new SigV4(ACCESS, secret, "us-east-1");
        return new S3Client(new S3Http(endpoint, BUCKET, true, signer, Duration.ofSeconds(20)), BUCKET);
    }

    /** A blob store on this server's bucket, every key under {@code prefix}. */
    public S3BlobStore store(String prefix, Duration stagingGrace) {
        return new S3BlobStore(client(), prefix, S3BlobStore.MIN_PART, S3BlobStore.MAX_SINGLE_COPY, stagingGrace);
    }

    public static int minPart() {
        return S3BlobStore.MIN_PART;
    }

    /** Writes an object behind the store's back. */
    public void put(String key, byte[] data) throws Exception {
        client().put(
                        key,
                        data,
                        data.length,
                        java.security.MessageDigest.getInstance("MD5").digest(data));
    }

    /** Deletes an object behind the store's back. */
    public void delete(String key) throws Exception {
        client().delete(key);
    }

    /** The names of every object in the bucket, whatever their prefix. */
    public List<String> objects() throws Exception {
        List<String> names = new ArrayList<>();
        client().list("", o -> names.add(o.key()));
        return names;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
