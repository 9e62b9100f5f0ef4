package dev.hearth.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.files.BlobStore;
import dev.hearth.files.Files;
import dev.hearth.files.Problem;
import dev.hearth.files.Upload;
import dev.hearth.files.s3.internal.S3Server;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.Configs;
import dev.hearth.test.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system itself over the S3 store, against a real S3 server: what it keeps is in the bucket.
 * In the file system's package, to start and stop it as the tests of its own bundle do.
 */
class S3FileServiceTest {
    private static final String D = "alice.localhost:8080";
    private static final String BLOBS = "n1/" + D + "/blobs/";
    private static S3Server server;

    @TempDir
    Path dir;

    private TestData data;
    private BlobStore store;
    private FileServiceImpl files;

    private FileVersionsImpl oldVersions() {
        return new FileVersionsImpl(files);
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void start() throws Exception {
        for (String key : server.objects()) {
            server.delete(key);
        }
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(D));
        store = server.store("n1/", Duration.ZERO);
        files = newService();
    }

    private FileServiceImpl newService() {
        return new FileServiceImpl(
                data.service(),
                data.instances(),
                store,
                Configs.of(FilesConfig.class, Map.of("startupCheck", false, "minSecondsBetweenVersions", 0)));
    }

    @AfterEach
    void stop() {
        files.deactivate();
        data.close();
    }

    private static Upload upload(String name, byte[] content) throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(content);
        return new Upload(
                name, (long) content.length, md5, "text/plain", List.of(), false, null, null, null, null, null, null);
    }

    private ObjectNode put(String name, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return files.upload(D, null, upload(name, bytes), new ByteArrayInputStream(bytes));
    }

    private String read(String id, long offset) throws Exception {
        try (InputStream in = files.content(D, id).opener().open(offset)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> blobs() throws Exception {
        return server.objects().stream().filter(k -> k.startsWith(BLOBS)).toList();
    }

    @Test
    void uploadReadsAndRangesFromTheBucket() throws Exception {
        ObjectNode f = put("a.txt", "hello S3");
        String id = f.path("_id").asText();
        assertThat(server.objects())
                .containsExactly(BLOBS + f.path("internal_vfs_id").asText());
        assertThat(read(id, 0)).isEqualTo("hello S3");
        assertThat(read(id, 6)).isEqualTo("S3");
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void aFileBiggerThanOnePartRoundTrips() throws Exception {
        byte[] big = new byte[S3Server.minPart() * 2 + 3];
        new Random(7).nextBytes(big);
        ObjectNode f = files.upload(D, null, upload("big.bin", big), new ByteArrayInputStream(big));
        try (InputStream in = files.content(D, f.path("_id").asText()).opener().open(0)) {
            assertThat(MessageDigest.getInstance("MD5").digest(in.readAllBytes()))
                    .isEqualTo(MessageDigest.getInstance("MD5").digest(big));
        }
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void wrongMd5WrongSizeAndQuotaLeaveNothingInTheBucket() throws Exception {
        byte[] bytes = "content".getBytes(StandardCharsets.UTF_8);
        Upload lying = new Upload(
                "x",
                null,
                MessageDigest.getInstance("MD5").digest("other".getBytes()),
                null,
                List.of(),
                false,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> files.upload(D, null, lying, new ByteArrayInputStream(bytes)))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(412);
        Upload sized = new Upload("y", 3L, null, null, List.of(), false, null, null, null, null, null, null);
        assertThatThrownBy(() -> files.upload(D, null, sized, new ByteArrayInputStream(bytes)))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(412);
        data.instances().modify(D, InstanceChanges.builder().diskQuota(5L).build());
        assertThatThrownBy(() -> put("z", "123456"))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(413);
        assertThat(server.objects()).isEmpty();
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void overwriteKeepsTheOldContentAsAVersionAndDestroyRemovesBoth() throws Exception {
        ObjectNode f = put("v.txt", "one");
        String id = f.path("_id").asText();
        byte[] two = "two!".getBytes(StandardCharsets.UTF_8);
        Upload again = new Upload(null, 4L, null, "text/plain", List.of(), false, null, null, null, null, null, null);
        files.overwrite(D, id, again, new ByteArrayInputStream(two));
        assertThat(read(id, 0)).isEqualTo("two!");
        List<ObjectNode> versions = oldVersions().versions(D, id);
        assertThat(versions).hasSize(1);
        String versionId = versions.getFirst().path("_id").asText().substring(id.length() + 1);
        try (InputStream in =
                oldVersions().versionContent(D, id, versionId).opener().open(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one");
        }
        assertThat(blobs()).hasSize(2);
        files.trash(D, id, null);
        files.destroy(D, id);
        assertThat(blobs()).isEmpty();
    }

    @Test
    void fsckSeesMissingAndOrphanObjects() throws Exception {
        ObjectNode f = put("gone.txt", "data");
        server.delete(BLOBS + f.path("internal_vfs_id").asText());
        server.put(BLOBS + "zzzzzzzzzzzz", "orphan".getBytes(StandardCharsets.UTF_8));
        assertThat(files.fsck(D, false))
                .extracting(Problem::type, Problem::id)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("missing_blob", f.path("_id").asText()),
                        Tuple.tuple("orphan_blob", "zzzzzzzzzzzz"));
    }

    @Test
    void aServiceNotClosedLosesStagedUploadsAndOrphansAtTheNextOpen() throws Exception {
        ObjectNode kept = put("kept.txt", "kept");
        byte[] orphan = "left by a kill".getBytes(StandardCharsets.UTF_8);
        server.put(BLOBS + "abababababab", orphan);
        store.stage(D, new ByteArrayInputStream(orphan), 100);
        assertThat(server.objects()).hasSize(3);
        Thread.sleep(1100);
        FileServiceImpl restarted = newService();
        assertThat(restarted.fsck(D, true)).isEmpty();
        assertThat(server.objects())
                .containsExactly(BLOBS + kept.path("internal_vfs_id").asText());
        restarted.deactivate();
    }

    @Test
    void theTrashAndRestoreWorkOverTheBucket() throws Exception {
        ObjectNode f = put("note.txt", "one");
        String id = f.path("_id").asText();
        files.trash(D, id, f.path("_rev").asText());
        put("note.txt", "two");
        assertThat(files.restore(D, id).path("name").asText()).isEqualTo("note (2).txt");
        assertThat(read(id, 0)).isEqualTo("one");
        assertThat(files.children(D, Files.ROOT_ID, null, 0, 10).count()).isGreaterThanOrEqualTo(2);
        assertThat(blobs()).hasSize(2);
    }
}
