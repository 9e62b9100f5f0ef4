package dev.hearth.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.files.Content;
import dev.hearth.files.Files;
import dev.hearth.files.ReferencePage;
import dev.hearth.files.Upload;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.Configs;
import dev.hearth.test.TestData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Old versions, references by document and thumbnails, over a real store and blob folder. */
class FileVersionsTest {
    private static final String D = "bob.localhost:8080";

    @TempDir
    Path dir;

    private TestData data;
    private FileServiceImpl files;

    private FileVersionsImpl oldVersions() {
        return new FileVersionsImpl(files);
    }

    private Path instanceDir;

    @BeforeEach
    void start() {
        data = TestData.in(dir);
        data.instances().create(NewInstance.of(D));
        instanceDir = data.instances().directory(D);
        files = open(3);
    }

    private FileServiceImpl open(int keep) {
        return new FileServiceImpl(
                data.service(),
                data.instances(),
                new LocalBlobStore(data.instances()),
                Configs.of(
                        FilesConfig.class,
                        Map.of("startupCheck", false, "maxVersions", keep, "minSecondsBetweenVersions", 0)));
    }

    @AfterEach
    void stop() {
        files.deactivate();
        data.close();
    }

    private static Upload upload(String name, String mime) {
        return new Upload(name, null, null, mime, List.of(), false, null, null, null, null, null, null);
    }

    private ObjectNode put(String name, String text) throws Exception {
        return files.upload(D, null, upload(name, "text/plain"), stream(text));
    }

    private ObjectNode overwrite(String id, String text) throws Exception {
        return files.overwrite(D, id, upload(null, "text/plain"), stream(text));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Content c) throws Exception {
        try (InputStream in = c.opener().open(0)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private long blobCount() throws Exception {
        try (Stream<Path> all = java.nio.file.Files.walk(instanceDir.resolve("files/blobs"))) {
            return all.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    @Test
    void overwritesKeepTheLastVersionsAndCountThem() throws Exception {
        String id = put("a.txt", "one").path("_id").asText();
        for (String text : List.of("two", "three", "four", "five")) {
            overwrite(id, text);
        }
        List<ObjectNode> versions = oldVersions().versions(D, id);
        assertThat(versions).hasSize(3);
        assertThat(versions.stream().map(v -> v.path("size").asText())).containsExactly("3", "5", "4");
        assertThat(read(files.content(D, id))).isEqualTo("five");
        String oldest = versions.getFirst().path("_id").asText();
        assertThat(oldest).startsWith(id + "/");
        String versionId = oldest.substring(id.length() + 1);
        assertThat(read(oldVersions().versionContent(D, id, versionId))).isEqualTo("two");
        assertThat(files.usage(D).used()).isEqualTo(4 + 3 + 5 + 4);
        assertThat(files.usage(D).versions()).isEqualTo(12);
        assertThat(blobCount()).isEqualTo(4);
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void theVersionsOfAStatedFileAreSoughtByItsIdWhileItIsOverwritten() throws Exception {
        String a = put("a.txt", "one").path("_id").asText();
        String b = put("b.txt", "alone").path("_id").asText();
        overwrite(a, "two");
        assertThat(oldVersions().versions(D, files.stat(D, b))).isEmpty();
        assertThat(oldVersions().versions(D, files.stat(D, a)))
                .extracting(v -> v.path("_id").asText())
                .containsExactlyElementsOf(oldVersions().versions(D, a).stream()
                        .map(v -> v.path("_id").asText())
                        .toList())
                .hasSize(1);

        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    overwrite(a, "text " + i);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ObjectNode doc = files.stat(D, a);
        while (writer.isAlive()) {
            assertThat(oldVersions().versions(D, doc))
                    .allSatisfy(v -> assertThat(v.path("file_id").asText()).isEqualTo(a));
            assertThat(oldVersions().versions(D, files.stat(D, b))).isEmpty();
        }
        writer.join();
        List<ObjectNode> last = oldVersions().versions(D, files.stat(D, a));
        assertThat(last).hasSize(3);
        assertThat(last.getLast().path("size").asText()).isEqualTo("7");
        assertThat(files.usage(D).versions())
                .isEqualTo(last.stream().mapToLong(v -> v.path("size").asLong()).sum());
    }

    @Test
    void revertSwapsTheContentAndTheVersion() throws Exception {
        String id = put("a.txt", "first").path("_id").asText();
        overwrite(id, "second!");
        String versionId =
                oldVersions().versions(D, id).getFirst().path("_id").asText().substring(id.length() + 1);
        ObjectNode reverted = oldVersions().revert(D, id, versionId);
        assertThat(reverted.path("size").asText()).isEqualTo("5");
        assertThat(read(files.content(D, id))).isEqualTo("first");
        List<ObjectNode> versions = oldVersions().versions(D, id);
        assertThat(versions).hasSize(1);
        assertThat(read(oldVersions()
                        .versionContent(
                                D, id, versions.getFirst().path("_id").asText().substring(id.length() + 1))))
                .isEqualTo("second!");
        assertThatThrownBy(() -> oldVersions().versionContent(D, id, versionId))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(files.usage(D).used()).isEqualTo(12);
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void deletePurgeAndDestroyRemoveVersionsAndTheirBlobs() throws Exception {
        String a = put("a.txt", "a1").path("_id").asText();
        overwrite(a, "a2");
        overwrite(a, "a3");
        String b = put("b.txt", "b1").path("_id").asText();
        overwrite(b, "b2");
        String first =
                oldVersions().versions(D, a).getFirst().path("_id").asText().substring(a.length() + 1);
        oldVersions().deleteVersion(D, a, first);
        assertThat(oldVersions().versions(D, a)).hasSize(1);
        assertThat(blobCount()).isEqualTo(4);

        ObjectNode tagged = oldVersions()
                .tagVersion(
                        D,
                        b,
                        oldVersions()
                                .versions(D, b)
                                .getFirst()
                                .path("_id")
                                .asText()
                                .substring(b.length() + 1),
                        List.of("keep"));
        assertThat(tagged.path("tags").path(0).asText()).isEqualTo("keep");

        files.trash(D, b, null);
        files.destroy(D, b);
        assertThat(blobCount()).isEqualTo(2);
        assertThat(oldVersions().purgeVersions(D)).isEqualTo(1);
        assertThat(blobCount()).isEqualTo(1);
        assertThat(files.usage(D).used()).isEqualTo(2);
        assertThat(files.usage(D).versions()).isZero();
        assertThat(files.fsck(D, true)).isEmpty();
    }

    @Test
    void noVersionWhenTheLastOneIsTooRecentOrNoneAreKept() throws Exception {
        files.deactivate();
        files = new FileServiceImpl(
                data.service(),
                data.instances(),
                new LocalBlobStore(data.instances()),
                Configs.of(FilesConfig.class, Map.of("startupCheck", false, "minSecondsBetweenVersions", 3600)));
        String id = put("a.txt", "one").path("_id").asText();
        overwrite(id, "two");
        overwrite(id, "three");
        assertThat(oldVersions().versions(D, id)).hasSize(1);
        assertThat(blobCount()).isEqualTo(2);

        files.deactivate();
        files = open(0);
        overwrite(id, "four");
        assertThat(oldVersions().versions(D, id)).isEmpty();
        assertThat(blobCount()).isEqualTo(1);
        assertThat(files.usage(D).used()).isEqualTo(4);
    }

    @Test
    void referencesByDocumentPageByPage() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(put("f" + i + ".txt", "x").path("_id").asText());
        }
        put("other.txt", "y");
        files.referenceMany(D, "io.cozy.albums", "album1", ids, true);
        ReferencePage first = files.referencing(D, "io.cozy.albums", "album1", null, 0, 2, false);
        assertThat(first.count()).isEqualTo(5);
        assertThat(first.docs()).hasSize(2);
        ReferencePage second = files.referencing(D, "io.cozy.albums", "album1", first.cursor(), 0, 10, false);
        assertThat(second.docs()).hasSize(3);
        assertThat(second.cursor()).isNull();
        files.referenceMany(D, "io.cozy.albums", "album1", ids.subList(0, 4), false);
        assertThat(files.referencing(D, "io.cozy.albums", "album1", null, 0, 10, true)
                        .count())
                .isEqualTo(1);
        assertThatThrownBy(() -> files.referenceMany(D, "io.cozy.albums", "a2", List.of(ids.get(0), "missing"), true))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(files.stat(D, ids.get(0)).path("referenced_by")).isEmpty();

        files.deactivate();
        files = open(3);
        ReferencePage afterRestart = files.referencing(D, "io.cozy.albums", "album1", null, 0, 10, false);
        assertThat(afterRestart.count()).as("read again from the documents").isEqualTo(1);
        assertThat(afterRestart.docs().getFirst().path("_id").asText()).isEqualTo(ids.get(4));
        files.trash(D, ids.get(4), null);
        assertThat(files.referencing(D, "io.cozy.albums", "album1", null, 0, 10, false)
                        .count())
                .as("a trashed file still references")
                .isEqualTo(1);
        files.destroy(D, ids.get(4));
        assertThat(files.referencing(D, "io.cozy.albums", "album1", null, 0, 10, false)
                        .count())
                .isZero();
    }

    @Test
    void imagesGetThumbnailsAndBrokenOnesNone() throws Exception {
        BufferedImage image = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 400, 400);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ObjectNode photo =
                files.upload(D, null, upload("p.png", "image/png"), new ByteArrayInputStream(png.toByteArray()));
        ObjectNode broken = files.upload(D, null, upload("b.png", "image/png"), stream("not a png"));
        files.deactivate(); // waits for the thumbnails in the queue
        files = open(3);
        String id = photo.path("_id").asText();
        String secret = files.thumbnailSecret(D, photo);
        assertThat(secret).isNotNull();
        BufferedImage small =
                ImageIO.read(files.thumbnail(D, id, secret, "small").opener().open(0));
        assertThat(small.getWidth()).isEqualTo(640);
        assertThat(small.getHeight()).isEqualTo(320);
        BufferedImage tiny =
                ImageIO.read(files.thumbnail(D, id, secret, "tiny").opener().open(0));
        assertThat(tiny.getWidth()).isEqualTo(96);
        assertThat(tiny.getHeight()).isEqualTo(96);
        BufferedImage large =
                ImageIO.read(files.thumbnail(D, id, secret, "large").opener().open(0));
        assertThat(large.getWidth()).isEqualTo(800);
        String brokenId = broken.path("_id").asText();
        assertThatThrownBy(() -> files.thumbnail(D, brokenId, files.thumbnailSecret(D, broken), "small"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> files.thumbnail(D, brokenId, secret, "small"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> files.thumbnail(D, id, secret, "huge"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(files.fsck(D, false)).isEmpty();

        try (Stream<Path> all = java.nio.file.Files.walk(instanceDir.resolve("files/blobs"))) {
            for (Path p :
                    all.filter(p -> p.getFileName().toString().contains("-")).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
        assertThatThrownBy(() -> files.thumbnail(D, id, secret, "small"))
                .as("an image from before thumbnails: none at first")
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        files.deactivate();
        files = open(3);
        assertThat(files.thumbnail(D, id, files.thumbnailSecret(D, photo), "small")
                        .size())
                .as("made after the first request")
                .isPositive();
        files.trash(D, id, null);
        files.destroy(D, id);
        assertThat(blobCount()).isEqualTo(1);
        assertThat(files.stat(D, Files.ROOT_ID).path("path").asText()).isEqualTo("/");
    }
}
