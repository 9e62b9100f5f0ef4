package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The whole of {@link FilesIT} again, with file contents on S3: the distribution plus the S3 blob
 * store bundle, configured to an s3proxy that the test driver starts in this JVM, and the file
 * system told to use it ({@code blobs.target}) before the first test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesOnS3IT extends FilesIT {
    private static final String S3_FILTER = "(hearth.blobs=s3)";

    @Inject
    private ConfigurationAdmin configurations;

    @Override
    @Configuration
    public Option[] config() {
        int port = startS3();
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(bundle(s3Bundle().toUri().toString()).startLevel(10));
        options.add(systemProperty("hearth.test.s3.endpoint").value("http://127.0.0.1:" + port));
        return options.toArray(Option[]::new);
    }

    /** s3proxy over an in-memory store, for as long as this JVM runs. */
    private static int startS3() {
        try {
            BlobStoreContext store =
                    ContextBuilder.newBuilder("transient").credentials("x", "y").build(BlobStoreContext.class);
            store.getBlobStore().createContainerInLocation(null, "files-it");
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + Distribution.freePort()))
                    .awsAuthentication(AuthenticationType.AWS_V4, "files-it", "files-it-secret")
                    .build();
            proxy.start();
            return proxy.getPort();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start s3proxy", e);
        }
    }

    private static Path s3Bundle() {
        Path level = Distribution.BUILT.resolveSibling("hearth-cluster").resolve("bundle/10");
        try (Stream<Path> jars = Files.list(level)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("dev.hearth.files.s3-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No S3 bundle in " + level));
        } catch (IOException e) {
            throw new UncheckedIOException("Build the cluster distribution first", e);
        }
    }

    @Before
    public void contentsOnS3() throws Exception {
        if (configurations.getConfiguration("dev.hearth.files.s3", "?").getProperties() == null) {
            Hashtable<String, Object> s3 = new Hashtable<>();
            s3.put("endpoint", System.getProperty("hearth.test.s3.endpoint"));
            s3.put("bucket", "files-it");
            s3.put("accessKey", "files-it");
            s3.put(".secretKey", "files-it-secret");
            configurations.getConfiguration("dev.hearth.files.s3", "?").update(s3);
            Hashtable<String, Object> files = new Hashtable<>();
            files.put("blobs.target", S3_FILTER);
            configurations.getConfiguration("dev.hearth.files", "?").update(files);
        }
        await(() -> {
            try {
                ServiceReference<?>[] refs = context.getServiceReferences(
                        "dev.hearth.files.FileService",
                        "(blobs.target=" + S3_FILTER.replace("(", "\\(").replace(")", "\\)") + ")");
                return refs != null && refs.length > 0 ? Boolean.TRUE : null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        String domain = createInstance("s3probe");
        String token = cliToken(domain, "io.cozy.files");
        await(() -> Http.get(publicUrl() + "/files/io.cozy.files.root-dir")
                                .host(domain)
                                .bearer(token)
                                .send()
                                .status()
                        == 200
                ? Boolean.TRUE
                : null);
    }

    @Test
    public void contentsAreNotOnTheLocalDisk() throws IOException {
        String domain = createInstance("s3disk");
        FilesClient files = new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
        files.uploaded("io.cozy.files.root-dir", "where.txt", "in the bucket");
        Path instances = Path.of(context.getProperty("hearth.data.dir"), "instances");
        try (Stream<Path> all = Files.walk(instances)) {
            assertThat(all.filter(p -> p.toString().contains("/files/blobs/"))).isEmpty();
        }
    }
}
