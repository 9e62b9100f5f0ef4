package dev.hearth.files.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.files.BlobStore;
import dev.hearth.test.Configs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3BlobStoreTest {
    private static final String D = "alice.localhost:8080";
    private static final int PART = S3BlobStore.MIN_PART;
    private static S3Server server;

    private S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyBucket() throws Exception {
        S3Client s3 = server.client();
        for (String key : server.objects()) {
            s3.delete(key);
        }
        store = new S3BlobStore(s3, "node/", PART, S3BlobStore.MAX_SINGLE_COPY, Duration.ZERO);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] md5(byte[] data) throws Exception {
        return MessageDigest.getInstance("MD5").digest(data);
    }

    private void put(String key, byte[] data) throws IOException {
        try (BlobStore.Staged staged = store.stage(D, new ByteArrayInputStream(data), Long.MAX_VALUE)) {
            staged.commit(key);
        }
    }

    private byte[] read(String key, long offset) throws IOException {
        try (InputStream in = store.open(D, key, offset)) {
            return in.readAllBytes();
        }
    }

    @Test
    void putGetRangeSizeDelete() throws Exception {
        byte[] data = "hello, blobs on S3".getBytes(StandardCharsets.UTF_8);
        try (BlobStore.Staged staged = store.stage(D, new ByteArrayInputStream(data), 100)) {
            assertThat(staged.size()).isEqualTo(data.length);
            assertThat(staged.md5()).isEqualTo(md5(data));
            assertThat(store.size(D, "k1234567")).isEqualTo(-1);
            staged.commit("k1234567");
        }
        assertThat(server.objects()).containsExactly("node/" + D + "/blobs/k1234567");
        assertThat(store.size(D, "k1234567")).isEqualTo(data.length);
        assertThat(read("k1234567", 0)).isEqualTo(data);
        assertThat(new String(read("k1234567", 7), StandardCharsets.UTF_8)).isEqualTo("blobs on S3");
        assertThat(read("k1234567", data.length)).isEmpty();

        store.delete(D, "k1234567");
        store.delete(D, "k1234567");
        assertThat(store.size(D, "k1234567")).isEqualTo(-1);
        assertThatThrownBy(() -> store.open(D, "k1234567", 0)).isInstanceOf(NoSuchFileException.class);
        assertThat(server.objects()).isEmpty();
    }

    @Test
    void emptyContentAndBadKeys() throws Exception {
        put("empty-blob", new byte[0]);
        assertThat(store.size(D, "empty-blob")).isZero();
        assertThat(read("empty-blob", 0)).isEmpty();
        assertThatThrownBy(() -> store.size(D, "../../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentLongerThanOnePartIsAMultipartUpload() throws Exception {
        byte[] data = random(2 * PART + 12345, 1);
        try (BlobStore.Staged staged = store.stage(D, new ByteArrayInputStream(data), data.length)) {
            assertThat(staged.size()).isEqualTo(data.length);
            assertThat(staged.md5()).isEqualTo(md5(data));
            staged.commit("bigblob1");
        }
        assertThat(store.size(D, "bigblob1")).isEqualTo(data.length);
        assertThat(md5(read("bigblob1", 0))).isEqualTo(md5(data));
        byte[] tail = read("bigblob1", PART + 3);
        assertThat(tail).hasSize(data.length - PART - 3);
        assertThat(tail[0]).isEqualTo(data[PART + 3]);
        assertThat(server.objects()).containsExactly("node/" + D + "/blobs/bigblob1");
    }

    @Test
    void contentOfExactlyOnePart() throws Exception {
        byte[] data = random(PART, 2);
        put("onepart1", data);
        assertThat(md5(read("onepart1", 0))).isEqualTo(md5(data));
    }

    @Test
    void bigContentIsCopiedInPartsAtCommit() throws Exception {
        store = new S3BlobStore(server.client(), "node/", PART, PART + 1, Duration.ZERO);
        byte[] data = random(2 * PART + 7, 3);
        put("copied01", data);
        assertThat(md5(read("copied01", 0))).isEqualTo(md5(data));
        assertThat(server.objects()).containsExactly("node/" + D + "/blobs/copied01");
    }

    @Test
    void anUploadBrokenOffAfterOnePartLeavesNothing() throws Exception {
        InputStream broken = new InputStream() {
            private final InputStream data = new ByteArrayInputStream(random(PART + 100, 4));

            @Override
            public int read() throws IOException {
                int b = data.read();
                if (b < 0) {
                    throw new IOException("connection reset by the client");
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = data.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset by the client");
                }
                return n;
            }
        };
        assertThatThrownBy(() -> store.stage(D, broken, Long.MAX_VALUE)).hasMessageContaining("connection reset");
        assertThat(server.objects()).isEmpty();
        assertNoPendingUploads();
    }

    @Test
    void contentOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        byte[] data = random(PART + 10, 5);
        assertThatThrownBy(() -> store.stage(D, new ByteArrayInputStream(data), PART + 9))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThatThrownBy(() -> store.stage(D, new ByteArrayInputStream(data), 10))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThat(server.objects()).isEmpty();
        assertNoPendingUploads();
    }

    @Test
    void stagedContentNotCommittedLeavesNothing() throws Exception {
        try (BlobStore.Staged staged = store.stage(D, new ByteArrayInputStream(new byte[] {1, 2, 3}), 10)) {
            assertThat(server.objects()).hasSize(1);
        }
        assertThat(server.objects()).isEmpty();
    }

    @Test
    void aPartWhoseMd5DoesNotMatchIsRefusedByTheServer() throws Exception {
        S3Client s3 = server.client();
        byte[] data = "the bytes sent".getBytes(StandardCharsets.UTF_8);
        byte[] wrong = md5("other bytes".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> s3.put("node/x", data, data.length, wrong))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.code()).isEqualTo("BadDigest"));
        assertThat(server.objects()).isEmpty();
    }

    @Test
    void aWrongSecretIsRefused() {
        S3Client wrong = server.client("not-the-secret");
        assertThatThrownBy(() -> wrong.size("node/x"))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void listsTheBlobsOfOneInstanceAndCleansItsStaging() throws Exception {
        put("blob-one", new byte[] {1});
        put("blob-two", new byte[] {2});
        store.stage("bob.localhost:8080", new ByteArrayInputStream(new byte[] {3}), 10)
                .commit("blob-bob");
        List<String> keys = new ArrayList<>();
        store.forEach(D, keys::add);
        assertThat(keys).containsExactlyInAnyOrder("blob-one", "blob-two");

        BlobStore.Staged left = store.stage(D, new ByteArrayInputStream(new byte[] {4}), 10);
        assertThat(server.objects()).hasSize(4);
        Thread.sleep(1100);
        assertThat(store.cleanStaging(D)).isEqualTo(1);
        assertThat(server.objects()).hasSize(3);
        left.close();
    }

    @Test
    void youngStagedUploadsSurviveTheCleanUp() throws Exception {
        store = new S3BlobStore(server.client(), "node/", PART, S3BlobStore.MAX_SINGLE_COPY, Duration.ofHours(1));
        try (BlobStore.Staged staged = store.stage(D, new ByteArrayInputStream(new byte[] {4}), 10)) {
            assertThat(store.cleanStaging(D)).isZero();
            staged.commit("survivor");
        }
        assertThat(read("survivor", 0)).containsExactly(4);
    }

    @Test
    void theConfiguredStoreUsesItsEndpointBucketPrefixAndKeys() throws Exception {
        Map<String, Object> config = Map.of(
                "endpoint", server.endpoint().toString(),
                "bucket", S3Server.BUCKET,
                "prefix", "cfg/",
                "accessKey", S3Server.ACCESS,
                "_secretKey", S3Server.SECRET);
        store = new S3BlobStore(Configs.of(S3Config.class, config));
        put("configured", new byte[] {9});
        assertThat(server.objects()).containsExactly("cfg/" + D + "/blobs/configured");

        Map<String, Object> ftp = new HashMap<>(config);
        ftp.put("endpoint", "ftp://127.0.0.1/");
        assertThatThrownBy(() -> new S3BlobStore(Configs.of(S3Config.class, ftp)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s) URL");
        Map<String, Object> unset = new HashMap<>(config);
        unset.put("_secretKey", "");
        assertThatThrownBy(() -> new S3BlobStore(Configs.of(S3Config.class, unset)))
                .hasMessage("No .secretKey in configuration dev.hearth.files.s3");
    }

    private void assertNoPendingUploads() throws Exception {
        try {
            assertThat(server.client().pending("")).isEmpty();
        } catch (S3Exception e) {
            // This server keeps no list of them; the listing of objects above shows no part either.
            assertThat(e.status()).isEqualTo(501);
        }
    }
}
