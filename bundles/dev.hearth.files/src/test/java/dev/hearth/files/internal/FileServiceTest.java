package dev.hearth.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.Children;
import dev.hearth.files.Content;
import dev.hearth.files.Files;
import dev.hearth.files.Problem;
import dev.hearth.files.Upload;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.Configs;
import dev.hearth.test.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileServiceTest {
    private static final String D = "alice.localhost:8080";

    @TempDir
    Path dir;

    private TestData data;
    private FileServiceImpl files;
    private Path instanceDir;

    @BeforeEach
    void start() {
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(D));
        instanceDir = data.instances().directory(D);
        files = new FileServiceImpl(
                data.service(),
                data.instances(),
                new LocalBlobStore(data.instances()),
                Configs.of(FilesConfig.class, Map.of("startupCheck", false)));
    }

    @AfterEach
    void stop() {
        data.close();
    }

    static Upload upload(String name, byte[] md5) {
        return new Upload(name, null, md5, "text/plain", List.of("a"), false, null, null, null, null, null, null);
    }

    static byte[] md5(byte[] content) throws Exception {
        return MessageDigest.getInstance("MD5").digest(content);
    }

    ObjectNode put(String dirId, String name, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return files.upload(D, dirId, upload(name, md5(bytes)), new ByteArrayInputStream(bytes));
    }

    @Test
    void specialDirectoriesExist() {
        assertThat(files.statByPath(D, "/").path("_id").asText()).isEqualTo(Files.ROOT_ID);
        assertThat(files.statByPath(D, "/.cozy_trash").path("_id").asText()).isEqualTo(Files.TRASH_ID);
        assertThat(files.stat(D, Files.SHARED_DRIVES_ID).path("path").asText()).isEqualTo("/Drives");
    }

    @Test
    void uploadStatDownloadAndClash() throws Exception {
        ObjectNode docs = files.createDirectory(D, null, "Docs", List.of(), null, null);
        ObjectNode f = put(docs.path("_id").asText(), "a.txt", "hello");
        assertThat(f.path("size").asText()).isEqualTo("5");
        assertThat(f.path("class").asText()).isEqualTo("text");
        assertThat(files.statByPath(D, "/Docs/a.txt").path("_id").asText())
                .isEqualTo(f.path("_id").asText());
        Content c = files.content(D, f.path("_id").asText());
        try (InputStream in = c.opener().open(1)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ello");
        }
        assertThatThrownBy(() -> put(docs.path("_id").asText(), "a.txt", "again"))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(409);
        assertThat(files.usage(D).used()).isEqualTo(5);
    }

    @Test
    void wrongMd5AndWrongSizeLeaveNothing() throws Exception {
        byte[] bytes = "content".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> files.upload(D, null, upload("x", md5("other".getBytes())), stream(bytes)))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(412);
        Upload sized = new Upload("y", 3L, null, null, List.of(), false, null, null, null, null, null, null);
        assertThatThrownBy(() -> files.upload(D, null, sized, stream(bytes)))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(412);
        assertThat(files.children(D, Files.ROOT_ID, null, 0, 100).docs())
                .extracting(d -> d.path("name").asText())
                .doesNotContain("x", "y");
        assertThat(blobFiles()).isEmpty();
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void quotaRefusesWithoutLeftovers() throws Exception {
        data.instances()
                .modify(
                        D,
                        dev.hearth.instances.InstanceChanges.builder()
                                .diskQuota(10L)
                                .build());
        put(Files.ROOT_ID, "small", "12345");
        assertThatThrownBy(() -> put(Files.ROOT_ID, "big", "123456789"))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(413);
        assertThat(blobFiles()).hasSize(1);
    }

    @Test
    void namesAreValidated() {
        for (String bad : new String[] {"", ".", "..", "a/b", "a\u0000b", "x".repeat(256)}) {
            assertThatThrownBy(() -> files.createDirectory(D, null, bad, List.of(), null, null))
                    .as(bad)
                    .extracting(e -> ((ApiException) e).status())
                    .isEqualTo(422);
        }
    }

    @Test
    void directoryMoveRewritesSubdirectoryPathsAndRefusesItsOwnSubtree() throws Exception {
        String a = files.createDirectory(D, null, "A", List.of(), null, null)
                .path("_id")
                .asText();
        String b = files.createDirectory(D, a, "B", List.of(), null, null)
                .path("_id")
                .asText();
        String c = files.createDirectory(D, b, "C", List.of(), null, null)
                .path("_id")
                .asText();
        put(c, "f.txt", "deep");
        String other = files.createDirectory(D, null, "Other", List.of(), null, null)
                .path("_id")
                .asText();
        assertThatThrownBy(() -> files.patch(D, a, null, attrs("{\"dir_id\":\"" + c + "\"}")))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(400);
        files.patch(D, a, null, attrs("{\"dir_id\":\"" + other + "\",\"name\":\"A2\"}"));
        assertThat(files.stat(D, c).path("path").asText()).isEqualTo("/Other/A2/B/C");
        assertThat(files.statByPath(D, "/Other/A2/B/C/f.txt").path("name").asText())
                .isEqualTo("f.txt");
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void trashRestoreWithSuffixAndDestroy() throws Exception {
        ObjectNode f = put(Files.ROOT_ID, "note.txt", "one");
        String id = f.path("_id").asText();
        ObjectNode trashed = files.trash(D, id, f.path("_rev").asText());
        assertThat(trashed.path("trashed").asBoolean()).isTrue();
        assertThat(trashed.path("restore_path").asText()).isEqualTo("/");
        put(Files.ROOT_ID, "note.txt", "two");
        ObjectNode restored = files.restore(D, id);
        assertThat(restored.path("name").asText()).isEqualTo("note (2).txt");
        files.trash(D, id, null);
        files.destroy(D, id);
        assertThatThrownBy(() -> files.stat(D, id))
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(404);
        assertThat(blobFiles()).hasSize(1);
        assertThat(files.usage(D).used()).isEqualTo(3);
    }

    @Test
    void childrenPageByCursorAndCount() throws Exception {
        String d = files.createDirectory(D, null, "Many", List.of(), null, null)
                .path("_id")
                .asText();
        for (int i = 0; i < 25; i++) {
            put(d, String.format("f%02d", i), "x");
        }
        Children first = files.children(D, d, null, 0, 10);
        assertThat(first.count()).isEqualTo(25);
        assertThat(first.docs()).hasSize(10);
        Children second = files.children(D, d, first.cursor(), 0, 10);
        assertThat(second.docs().getFirst().path("name").asText()).isEqualTo("f10");
    }

    @Test
    void fsckFindsOrphansAndMissingBlobs() throws Exception {
        ObjectNode f = put(Files.ROOT_ID, "gone.txt", "data");
        java.nio.file.Files.delete(blobFiles().getFirst());
        java.nio.file.Files.createDirectories(instanceDir.resolve("files/blobs/zz"));
        java.nio.file.Files.writeString(instanceDir.resolve("files/blobs/zz/zzzzzzzzzzzz"), "orphan");
        List<Problem> problems = files.fsck(D, false);
        assertThat(problems)
                .extracting(Problem::type, Problem::id)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "missing_blob", f.path("_id").asText()),
                        org.assertj.core.groups.Tuple.tuple("orphan_blob", "zzzzzzzzzzzz"));
    }

    @Test
    void aVolumeNotClosedLosesItsOrphansAtTheNextOpen() throws Exception {
        ObjectNode kept = put(Files.ROOT_ID, "kept.txt", "kept");
        Path orphan = instanceDir.resolve("files/blobs/ab/abababababab");
        java.nio.file.Files.createDirectories(orphan.getParent());
        java.nio.file.Files.writeString(orphan, "left by a kill");
        Path part = instanceDir.resolve("files/tmp/x.part");
        java.nio.file.Files.writeString(part, "half an upload");
        // a new service over the same folder, the first one never closed: as after a kill
        FileServiceImpl restarted = new FileServiceImpl(
                data.service(),
                data.instances(),
                new LocalBlobStore(data.instances()),
                Configs.of(FilesConfig.class, Map.of("startupCheck", false)));
        assertThat(restarted.fsck(D, true)).isEmpty();
        assertThat(java.nio.file.Files.exists(orphan)).isFalse();
        assertThat(java.nio.file.Files.exists(part)).isFalse();
        assertThat(restarted.content(D, kept.path("_id").asText()).size()).isEqualTo(4);
        restarted.deactivate();
        assertThat(java.nio.file.Files.exists(instanceDir.resolve("files/in-use")))
                .isFalse();
    }

    @Test
    void concurrentUploadsShareTheQuotaAndOneNameGoesToOne() throws Exception {
        data.instances()
                .modify(
                        D,
                        dev.hearth.instances.InstanceChanges.builder()
                                .diskQuota(50L)
                                .build());
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger clashes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger over = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                String name = i < 10 ? "n" + i : "same";
                pool.submit(() -> {
                    try {
                        put(Files.ROOT_ID, name, "0123456789");
                        created.incrementAndGet();
                    } catch (ApiException e) {
                        (e.status() == 409 ? clashes : over).incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                });
            }
        }
        assertThat(created.get()).isEqualTo(5);
        assertThat(files.usage(D).used()).isEqualTo(50);
        assertThat(blobFiles()).hasSize(5);
        assertThat(files.children(D, Files.ROOT_ID, null, 0, 100).docs())
                .filteredOn(d -> d.path("name").asText().equals("same"))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(files.fsck(D, true)).isEmpty();
    }

    private static ObjectNode attrs(String json) throws IOException {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private List<Path> blobFiles() throws IOException {
        Path root = instanceDir.resolve("files");
        if (!java.nio.file.Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = java.nio.file.Files.walk(root)) {
            return all.filter(java.nio.file.Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("in-use"))
                    .toList();
        }
    }
}
