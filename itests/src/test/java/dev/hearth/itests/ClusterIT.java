package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the cluster distribution ({@code launcher/target/hearth-cluster}) over one S3 server
 * (s3proxy, in this JVM) and one Redis (Debian's redis-server): file contents land in the bucket,
 * never on a node's disk, and a realtime subscriber on one node sees the writes made on the other.
 * Each node keeps its own documents (no shared document store yet), so the instance is created on
 * both.
 */
class ClusterIT {
    private static final Path CLUSTER = Distribution.BUILT.resolveSibling("hearth-cluster");
    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static final String PASSPHRASE = "cluster-test-passphrase";
    private static final String DOMAIN = "alice.cluster.test";
    private static final String BUCKET = "hearth";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Process redis;
    private static S3Proxy s3;
    private static BlobStoreContext s3Store;
    private static final List<Distribution> nodes = new ArrayList<>();
    private static final List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        boolean required = "1".equals(System.getenv("HEARTH_E2E_REQUIRED"));
        assertThat(Files.isExecutable(REDIS) || !required)
                .as("redis-server is required here (apt-get install redis-server)")
                .isTrue();
        Assumptions.assumeTrue(
                Files.isExecutable(REDIS), "Debian's redis-server is not installed: cluster test not run");
        int redisPort = Distribution.freePort();
        redis = new ProcessBuilder(
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
        s3Store = ContextBuilder.newBuilder("transient").credentials("x", "y").build(BlobStoreContext.class);
        s3Store.getBlobStore().createContainerInLocation(null, BUCKET);
        s3 = S3Proxy.builder()
                .blobStore(s3Store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + Distribution.freePort()))
                .awsAuthentication(AuthenticationType.AWS_V4, "cluster-access", "cluster-secret")
                .build();
        s3.start();
        Map<String, String> env = Map.of(
                "HEARTH_ADMIN_PASSPHRASE",
                PASSPHRASE,
                "HEARTH_S3_ENDPOINT",
                "http://127.0.0.1:" + s3.getPort(),
                "HEARTH_S3_BUCKET",
                BUCKET,
                "HEARTH_S3_ACCESS_KEY",
                "cluster-access",
                "HEARTH_S3_SECRET_KEY",
                "cluster-secret",
                "HEARTH_REDIS_URL",
                "redis://127.0.0.1:" + redisPort);
        for (int n = 1; n <= 2; n++) {
            Distribution node = new Distribution(CLUSTER, tmp.resolve("node" + n));
            nodes.add(node);
            node.start(env);
            assertThat(Http.post(node.adminUrl + "/instances?Domain=" + DOMAIN)
                            .basic("a", PASSPHRASE)
                            .send()
                            .status())
                    .isEqualTo(201);
            tokens.add(Http.post(node.adminUrl + "/instances/token?Domain=" + DOMAIN
                            + "&Audience=cli&Scope=io.cozy.files%20io.cozy.todos")
                    .basic("a", PASSPHRASE)
                    .send()
                    .body()
                    .trim());
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Distribution node : nodes) {
            node.close();
        }
        if (s3 != null) {
            s3.stop();
            s3Store.close();
        }
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> objects() {
        List<String> names = new ArrayList<>();
        for (StorageMetadata m : s3Store.getBlobStore()
                .list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())) {
            if (m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB) {
                names.add(m.getName());
            }
        }
        return names;
    }

    @Test
    void fileContentsGoToTheBucketAndComeBackWhole() throws Exception {
        Distribution node = nodes.get(0);
        byte[] content = new byte[20 * 1024 * 1024 + 17];
        new Random(18).nextBytes(content);
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        Http.Response created = Http.post(node.publicUrl + "/files/io.cozy.files.root-dir?Type=file&Name=big.bin")
                .host(DOMAIN)
                .bearer(tokens.get(0))
                .header("Content-Type", "application/octet-stream")
                .header("Content-MD5", md5)
                .body(content)
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("data").path("id").asText();
        // The blob's key (internal_vfs_id) is not shown to clients: one object, under the instance's blobs.
        assertThat(objects()).singleElement().asString().startsWith(DOMAIN + "/blobs/");
        try (var local = Files.walk(node.data.resolve("instances"))) {
            assertThat(local.filter(p -> p.toString().contains("/files/blobs/")))
                    .isEmpty();
        }

        Http.BinaryResponse back = Http.get(node.publicUrl + "/files/download/" + id)
                .host(DOMAIN)
                .bearer(tokens.get(0))
                .sendForBytes();
        assertThat(back.status()).isEqualTo(200);
        assertThat(MessageDigest.getInstance("MD5").digest(back.body()))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(content));

        int before = objects().size();
        Http.Response lying = Http.post(node.publicUrl + "/files/io.cozy.files.root-dir?Type=file&Name=bad.txt")
                .host(DOMAIN)
                .bearer(tokens.get(0))
                .header("Content-Type", "text/plain")
                .header("Content-MD5", md5)
                .body("not that content".getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(lying.status()).isEqualTo(412);
        assertThat(objects()).hasSize(before);
        Http.Response fsck = Http.get(node.publicUrl + "/files/fsck?md5=true")
                .host(DOMAIN)
                .bearer(tokens.get(0))
                .send();
        assertThat(fsck.json().path("count").asInt()).as(fsck.body()).isZero();
    }

    @Test
    void aSubscriberOnOneNodeSeesTheWritesOfTheOther() throws Exception {
        Events events = Events.open(nodes.get(1), tokens.get(1));
        String onA = createTodo(0, "written on the first node");
        String onB = createTodo(1, "written on the second node");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode event = events.next();
            assertThat(event.path("event").asText()).isEqualTo("CREATED");
            seen.add(event.path("payload").path("id").asText());
        }
        assertThat(seen).containsExactlyInAnyOrder(onA, onB);
        assertThat(events.frames.poll(1, TimeUnit.SECONDS)).as("no event twice").isNull();
        events.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    private static String createTodo(int node, String label) {
        Http.Response r = Http.post(nodes.get(node).publicUrl + "/data/io.cozy.todos/")
                .host(DOMAIN)
                .bearer(tokens.get(node))
                .header("Content-Type", "application/json")
                .body("{\"label\":\"" + label + "\"}")
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** A realtime websocket subscribed to io.cozy.todos, queueing the frames it receives. */
    private static final class Events implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Events open(Distribution node, String token) throws Exception {
            Events events = new Events();
            events.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Host", DOMAIN)
                    .subprotocols("io.cozy.websocket")
                    .buildAsync(URI.create("ws://127.0.0.1:" + node.publicPort() + "/realtime/"), events)
                    .get(10, TimeUnit.SECONDS);
            events.socket
                    .sendText("{\"method\":\"AUTH\",\"payload\":\"" + token + "\"}", true)
                    .get();
            events.socket
                    .sendText("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\"}}", true)
                    .get();
            // An unknown method is answered in order: once its error arrives, the subscription is in place.
            events.socket.sendText("{\"method\":\"SYNC\"}", true).get();
            assertThat(events.next().path("payload").path("status").asText()).isEqualTo("405 Method Not Allowed");
            return events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    frames.add(JSON.createObjectNode().put("event", "unreadable"));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(15, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 15 s").isNotNull();
            return frame;
        }
    }
}
