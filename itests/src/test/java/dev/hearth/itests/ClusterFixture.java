package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.itests.jobs.WorkerBundle;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.Assumptions;

/**
 * Three nodes of the cluster distribution ({@code launcher/target/hearth-cluster}) over one
 * PostgreSQL (Debian's, {@link PostgresServer}), one Redis (Debian's redis-server) and one S3
 * server (s3proxy, in this JVM), as the README's cluster script starts them.
 */
final class ClusterFixture implements AutoCloseable {
    static final Path CLUSTER = Distribution.BUILT.resolveSibling("hearth-cluster");
    static final Path REDIS = Path.of("/usr/bin/redis-server");
    static final String ADMIN = "cluster-test-passphrase";
    static final String BUCKET = "hearth";
    /** The test worker ({@code it-echo}), in the nodes' shared {@code load/} folder while they run. */
    static final Path WORKER = CLUSTER.resolve("load").resolve("itest-worker.jar");

    final List<Distribution> nodes = new ArrayList<>();
    private final Process redis;
    private final S3Proxy s3;
    private final BlobStoreContext s3Store;

    private ClusterFixture(Process redis, S3Proxy s3, BlobStoreContext s3Store) {
        this.redis = redis;
        this.s3 = s3;
        this.s3Store = s3Store;
    }

    /** Starts the three backends and {@code count} nodes; skips where redis-server is missing. */
    static ClusterFixture start(Path tmp, int count) throws Exception {
        boolean required = "1".equals(System.getenv("HEARTH_E2E_REQUIRED"));
        assertThat(Files.isExecutable(REDIS) || !required)
                .as("redis-server is required here (apt-get install redis-server)")
                .isTrue();
        Assumptions.assumeTrue(Files.isExecutable(REDIS), "Debian's redis-server is not installed: not run");
        int redisPort = Distribution.freePort();
        Process redis = new ProcessBuilder(
                        REDIS.toString(),
                        "--port",
                        Integer.toString(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("redis.log").toFile())
                .start();
        BlobStoreContext store =
                ContextBuilder.newBuilder("transient").credentials("x", "y").build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + Distribution.freePort()))
                .awsAuthentication(AuthenticationType.AWS_V4, "cluster-access", "cluster-secret")
                .build();
        s3.start();
        ClusterFixture cluster = new ClusterFixture(redis, s3, store);
        Map<String, String> env = Map.of(
                "HEARTH_ADMIN_PASSPHRASE",
                ADMIN,
                "HEARTH_S3_ENDPOINT",
                "http://127.0.0.1:" + s3.getPort(),
                "HEARTH_S3_BUCKET",
                BUCKET,
                "HEARTH_S3_ACCESS_KEY",
                "cluster-access",
                "HEARTH_S3_SECRET_KEY",
                "cluster-secret",
                "HEARTH_REDIS_URL",
                "redis://127.0.0.1:" + redisPort,
                "HEARTH_PG_URL",
                PostgresServer.get().jdbcUrl(),
                "HEARTH_PG_USER",
                "hearth",
                "HEARTH_PG_PASSWORD",
                "");
        Path staged = WORKER.resolveSibling("itest-worker.staged");
        Files.write(staged, WorkerBundle.jar());
        Files.move(staged, WORKER, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (int n = 1; n <= count; n++) {
            Distribution node = new Distribution(CLUSTER, tmp.resolve("node" + n));
            cluster.nodes.add(node);
            node.start(env);
        }
        for (Distribution node : cluster.nodes) {
            awaitSharedRegistry(node);
        }
        return cluster;
    }

    /** Waits until the node's instance registry is up on PostgreSQL (it waits for the engine's pool). */
    private static void awaitSharedRegistry(Distribution node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            Http.Response status = Http.get(node.publicUrl + "/status").send();
            last = status.body();
            if (status.status() == 200
                    && status.json().path("backends").path("instances").asText().equals("postgres")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The node's registry is not on PostgreSQL: " + last);
    }

    Distribution node(int n) {
        return nodes.get(n);
    }

    /** The process name ({@code <pid>-<random>}) of the node holding a job of the shared queue, or null. */
    static String holderOf(String jobId) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.get().jdbcUrl(), "hearth", "");
                PreparedStatement s = c.prepareStatement("SELECT node FROM job_queue WHERE id = ?")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** The node whose process holds a job, or null. */
    Distribution nodeHolding(String jobId) throws Exception {
        String holder = holderOf(jobId);
        if (holder == null) {
            return null;
        }
        long pid = Long.parseLong(holder.substring(0, holder.indexOf('-')));
        return nodes.stream().filter(n -> n.isProcess(pid)).findFirst().orElse(null);
    }

    /** The names of the objects in the bucket. */
    List<String> objects() {
        List<String> names = new ArrayList<>();
        for (StorageMetadata m : s3Store.getBlobStore().list(BUCKET, ListContainerOptions.Builder.recursive())) {
            if (m.getType() == StorageType.BLOB) {
                names.add(m.getName());
            }
        }
        return names;
    }

    @Override
    public void close() throws Exception {
        for (Distribution node : nodes) {
            node.close();
        }
        Files.deleteIfExists(WORKER);
        s3.stop();
        s3Store.close();
        redis.destroy();
        redis.waitFor(10, TimeUnit.SECONDS);
    }
}
