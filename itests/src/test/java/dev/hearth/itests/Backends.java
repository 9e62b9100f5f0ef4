package dev.hearth.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.hearth.files.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Which storage the tests run on. By default the distribution's embedded stores; with the system
 * property {@code hearth.it.backends=cluster} (the second failsafe run), documents on a real
 * PostgreSQL and file contents on an S3 server (s3proxy over a folder), both started by the test
 * driver, through the bundles of the cluster distribution. The same tests then run unchanged on
 * either, so what they assert holds for both.
 */
final class Backends {
    static final String DOCUMENTS = "(hearth.documents=postgres)";
    static final String BLOBS = "(hearth.blobs=s3)";
    private static final String BUCKET = "hearth-it";

    private Backends() {}

    /** Whether this run is on PostgreSQL + S3. */
    static boolean cluster() {
        return "cluster".equals(System.getProperty("hearth.it.backends", "embedded"));
    }

    /** The extra Pax Exam options of the cluster run: its bundles and where its servers listen. */
    static List<Option> options() {
        List<Option> options = new ArrayList<>();
        if (!cluster()) {
            return options;
        }
        options.add(bundle(clusterBundle(4, "postgresql-")).startLevel(4));
        options.add(bundle(clusterBundle(4, "HikariCP-")).startLevel(4));
        options.add(bundle(clusterBundle(10, "dev.hearth.datasystem.postgres-")).startLevel(10));
        options.add(bundle(clusterBundle(10, "dev.hearth.files.s3-")).startLevel(10));
        options.add(
                systemProperty("hearth.test.pg.url").value(PostgresServer.get().jdbcUrl()));
        S3 s3 = S3.get();
        options.add(systemProperty("hearth.test.s3.endpoint").value("http://127.0.0.1:" + s3.port));
        options.add(systemProperty("hearth.test.s3.bucket.dir").value(s3.bucket.toString()));
        return options;
    }

    private static String clusterBundle(int level, String prefix) {
        Path folder = Distribution.BUILT.resolveSibling("hearth-cluster").resolve("bundle/" + level);
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + prefix + " bundle in " + folder))
                    .toUri()
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Build the cluster distribution first", e);
        }
    }

    /**
     * In the framework, before a test: points documents and file contents at the cluster servers
     * (once; other settings of these configurations are kept) and waits for both services to run on
     * them.
     */
    static void configure(BundleContext context) throws IOException {
        if (!cluster()) {
            return;
        }
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(ref);
        try {
            setOnce(
                    admin,
                    "dev.hearth.datasystem.postgres",
                    Map.of(
                            "servers",
                            new String[] {"main=" + System.getProperty("hearth.test.pg.url")},
                            "user",
                            "hearth"));
            setOnce(
                    admin,
                    "dev.hearth.files.s3",
                    Map.of(
                            "endpoint",
                            System.getProperty("hearth.test.s3.endpoint"),
                            "bucket",
                            BUCKET,
                            "accessKey",
                            "hearth-it",
                            ".secretKey",
                            "hearth-it-secret"));
            setOnce(admin, "dev.hearth.datasystem", Map.of("documents.target", DOCUMENTS));
            setOnce(admin, "dev.hearth.files", Map.of("blobs.target", BLOBS));
        } finally {
            context.ungetService(ref);
        }
        HearthTestSupport.await(
                () -> running(context, "dev.hearth.datasystem.DataService", "documents.target", DOCUMENTS)
                                && running(context, "dev.hearth.files.FileService", "blobs.target", BLOBS)
                        ? Boolean.TRUE
                        : null);
    }

    /** Adds {@code values} to a configuration, keeping its other settings, unless they are there. */
    private static void setOnce(ConfigurationAdmin admin, String pid, Map<String, Object> values) throws IOException {
        Configuration config = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> current = config.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (current != null) {
            Collections.list(current.keys()).forEach(key -> next.put(key, current.get(key)));
        }
        if (!next.keySet().containsAll(values.keySet())) {
            next.putAll(values);
            config.update(next);
        }
    }

    private static boolean running(BundleContext context, String service, String key, String target) {
        try {
            String escaped = target.replace("(", "\\(").replace(")", "\\)");
            ServiceReference<?>[] refs = context.getServiceReferences(service, "(" + key + "=" + escaped + ")");
            return refs != null && refs.length > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys of the committed file contents of an instance, from the store in use. */
    static List<String> blobKeys(BundleContext context, String domain) throws IOException {
        String filter = cluster() ? BLOBS : "(hearth.blobs=local)";
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences(BlobStore.class.getName(), filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (refs == null) {
            throw new IllegalStateException("No blob store " + filter);
        }
        BlobStore store = (BlobStore) context.getService(refs[0]);
        try {
            List<String> keys = new ArrayList<>();
            store.forEach(domain, keys::add);
            return keys;
        } finally {
            context.ungetService(refs[0]);
        }
    }

    /**
     * The uploads of an instance staged but neither committed nor dropped: the staging objects in
     * the bucket's folder on S3, the files of {@code files/tmp} in the instance folder otherwise.
     */
    static List<Path> staged(Path instanceDir, String domain) throws IOException {
        Path dir = cluster()
                ? Path.of(System.getProperty("hearth.test.s3.bucket.dir")).resolve(domain + "/staging")
                : instanceDir.resolve("files/tmp");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    /** s3proxy over a folder, for as long as this JVM runs. */
    private static final class S3 {
        private static S3 started;
        final int port;
        final Path bucket;

        private S3(int port, Path bucket) {
            this.port = port;
            this.bucket = bucket;
        }

        static synchronized S3 get() {
            if (started == null) {
                started = start();
            }
            return started;
        }

        private static S3 start() {
            try {
                Path base = TestTemp.directory("hearth-it-s3");
                Properties settings = new Properties();
                settings.setProperty("jclouds.filesystem.basedir", base.toString());
                BlobStoreContext store = ContextBuilder.newBuilder("filesystem")
                        .credentials("x", "y")
                        .overrides(settings)
                        .build(BlobStoreContext.class);
                store.getBlobStore().createContainerInLocation(null, BUCKET);
                S3Proxy proxy = S3Proxy.builder()
                        .blobStore(store.getBlobStore())
                        .endpoint(URI.create("http://127.0.0.1:" + Distribution.freePort()))
                        .awsAuthentication(AuthenticationType.AWS_V4, "hearth-it", "hearth-it-secret")
                        .build();
                proxy.start();
                return new S3(proxy.getPort(), base.resolve(BUCKET));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start s3proxy", e);
            }
        }
    }
}
