package dev.hearth.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.Files;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.Configs;
import dev.hearth.test.TestData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared stat of downloads: parsed once per revision, never stale, per instance. */
class SharedStatTest {
    private static final String D = "alice.localhost:8080";
    private static final String E = "bob.localhost:8080";

    @TempDir
    Path dir;

    private TestData data;
    private FileServiceImpl files;

    @BeforeEach
    void start() {
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(D));
        data.instances().create(NewInstance.of(E));
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

    private ObjectNode put(String domain, String name) throws Exception {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return files.upload(
                domain,
                Files.ROOT_ID,
                FileServiceTest.upload(name, FileServiceTest.md5(bytes)),
                new ByteArrayInputStream(bytes));
    }

    @Test
    void theSameRevisionIsParsedOnceAndEqualsTheStat() throws Exception {
        String id = put(D, "a.txt").path("_id").asText();
        ObjectNode first = files.statShared(D, id);
        assertThat(files.statShared(D, id)).isSameAs(first);
        assertThat(first).isEqualTo(files.stat(D, id));
        assertThat(files.stat(D, id)).isNotSameAs(files.stat(D, id));
    }

    @Test
    void aChangeATrashAndADeletionShowAtOnce() throws Exception {
        String id = put(D, "a.txt").path("_id").asText();
        ObjectNode before = files.statShared(D, id);
        files.patch(D, id, null, (ObjectNode) Json.mapper().readTree("{\"name\":\"b.txt\"}"));
        ObjectNode renamed = files.statShared(D, id);
        assertThat(renamed.path("name").asText()).isEqualTo("b.txt");
        assertThat(renamed.path("_rev").asText())
                .isNotEqualTo(before.path("_rev").asText());
        assertThat(before.path("name").asText()).isEqualTo("a.txt");
        files.trash(D, id, null);
        assertThat(files.statShared(D, id).path("dir_id").asText()).isEqualTo(Files.TRASH_ID);
        files.destroy(D, id);
        assertThatThrownBy(() -> files.statShared(D, id))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
    }

    @Test
    void aPathAndAncestorsFollowTheirDirectoryAtOnce() throws Exception {
        String dir = files.createDirectory(D, null, "Docs", List.of(), null, null)
                .path("_id")
                .asText();
        byte[] bytes = "a".getBytes(StandardCharsets.UTF_8);
        ObjectNode file = files.upload(
                D, dir, FileServiceTest.upload("a.txt", FileServiceTest.md5(bytes)), new ByteArrayInputStream(bytes));
        assertThat(files.path(D, file)).isEqualTo("/Docs/a.txt");
        assertThat(files.ancestors(D, file)).containsExactly(dir, Files.ROOT_ID);
        files.patch(D, dir, null, (ObjectNode) Json.mapper().readTree("{\"name\":\"Papers\"}"));
        assertThat(files.path(D, file)).isEqualTo("/Papers/a.txt");
        String other = files.createDirectory(D, null, "Other", List.of(), null, null)
                .path("_id")
                .asText();
        files.patch(D, dir, null, (ObjectNode) Json.mapper().readTree("{\"dir_id\":\"" + other + "\"}"));
        assertThat(files.path(D, file)).isEqualTo("/Other/Papers/a.txt");
        assertThat(files.ancestors(D, file)).containsExactly(dir, other, Files.ROOT_ID);
    }

    @Test
    void anotherInstanceDoesNotSeeTheEntry() throws Exception {
        String id = put(D, "a.txt").path("_id").asText();
        files.statShared(D, id);
        assertThatThrownBy(() -> files.statShared(E, id))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
    }

    @Test
    void theCacheStartsOverWhenFull() throws Exception {
        files.stat(D, Files.ROOT_ID); // opens the volume, which makes the special directories
        ParsedDocs small = new ParsedDocs(2);
        Tree tree = new Tree(data.service().database(D, Files.DOCTYPE));
        small.get(D, tree, Files.ROOT_ID);
        small.get(D, tree, Files.TRASH_ID);
        assertThat(small.size()).isEqualTo(2);
        ObjectNode root = small.get(D, tree, Files.SHARED_DRIVES_ID);
        assertThat(small.size()).isEqualTo(1);
        assertThat(root.path("path").asText()).isEqualTo("/Drives");
        small.forget(D);
        assertThat(small.size()).isZero();
    }
}
