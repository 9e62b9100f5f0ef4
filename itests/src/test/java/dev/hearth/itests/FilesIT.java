package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The /files API over real HTTP: directories, uploads, stat, children, downloads, patches and the trash. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesIT extends HearthTestSupport {
    private static final String ROOT = "io.cozy.files.root-dir";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private FilesClient client(String instance) {
        String domain = createInstance(instance);
        return new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
    }

    @Test
    public void directoriesAndUploadsHaveTheJsonApiShapesOfTheClients() {
        FilesClient files = client("shapes");
        Http.Response dir = files.mkdir(ROOT, "Photos");
        assertThat(dir.status()).isEqualTo(201);
        JsonNode data = dir.json().path("data");
        String dirId = data.path("id").asText();
        assertThat(dir.header("Location")).isEqualTo("/files/" + dirId);
        assertThat(dir.header("Content-Type")).startsWith("application/vnd.api+json");
        assertThat(data.path("type").asText()).isEqualTo("io.cozy.files");
        assertThat(data.path("meta").path("rev").asText()).startsWith("1-");
        assertThat(data.path("attributes").path("path").asText()).isEqualTo("/Photos");
        assertThat(data.path("relationships")
                        .path("parent")
                        .path("data")
                        .path("id")
                        .asText())
                .isEqualTo(ROOT);

        JsonNode file = files.uploaded(dirId, "a.txt", "hello");
        JsonNode attributes = file.path("attributes");
        assertThat(attributes.path("type").asText()).isEqualTo("file");
        assertThat(attributes.path("size").asText()).isEqualTo("5");
        assertThat(attributes.path("md5sum").asText()).isEqualTo(FilesClient.md5("hello"));
        assertThat(attributes.path("mime").asText()).isEqualTo("text/plain");
        assertThat(attributes.path("class").asText()).isEqualTo("text");
        assertThat(attributes.path("dir_id").asText()).isEqualTo(dirId);
        assertThat(attributes.path("path").asText()).isEqualTo("/Photos/a.txt");
        assertThat(attributes.has("internal_vfs_id")).isFalse();

        Http.Response byPath = files.call("GET", "/files/metadata?Path=%2FPhotos%2Fa.txt", null);
        assertThat(byPath.status()).isEqualTo(200);
        assertThat(byPath.json().path("data").path("id").asText())
                .isEqualTo(file.path("id").asText());
        Http.Response listing = files.call("GET", "/files/" + dirId, null);
        assertThat(listing.json().path("meta").path("count").asLong()).isEqualTo(1);
        assertThat(listing.json().path("included").path(0).path("id").asText())
                .isEqualTo(file.path("id").asText());
        assertThat(listing.json()
                        .path("data")
                        .path("relationships")
                        .path("contents")
                        .path("data")
                        .size())
                .isEqualTo(1);
    }

    @Test
    public void statusesOfTheContract() {
        FilesClient files = client("statuses");
        String dir = files.mkdirId(ROOT, "Docs");
        files.uploaded(dir, "bill.pdf", "%PDF");

        Http.Response clash = files.upload(dir, "bill.pdf", "other");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(FilesClient.error(clash).path("status").asText()).isEqualTo("409");
        assertThat(files.mkdir(ROOT, "Docs").status()).isEqualTo(409);

        Http.Response badMd5 = files.request("POST", "/files/" + dir + "?Type=file&Name=x.txt")
                .header("Content-MD5", FilesClient.md5("not this"))
                .body("content")
                .send();
        assertThat(badMd5.status()).isEqualTo(412);
        assertThat(FilesClient.error(badMd5).path("source").path("parameter").asText())
                .isEqualTo("Content-MD5");
        Http.Response badSize = files.request("POST", "/files/" + dir + "?Type=file&Name=y.txt&Size=3")
                .body("content")
                .send();
        assertThat(badSize.status()).isEqualTo(412);

        assertThat(files.upload("nope", "x", "y").status()).isEqualTo(404);
        assertThat(files.mkdir("nope", "x").status()).isEqualTo(404);

        for (String bad : List.of("..", ".", "a%2Fb", "a%00b", "")) {
            Http.Response r = files.call("POST", "/files/" + dir + "?Type=directory&Name=" + bad, null);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(FilesClient.error(r).path("title").asText()).isEqualTo("Invalid Parameter");
        }
        assertThat(files.call("POST", "/files/" + dir + "?Type=nope&Name=z", null)
                        .status())
                .isEqualTo(422);

        String a = files.mkdirId(ROOT, "A");
        String b = files.mkdirId(a, "B");
        Http.Response intoItself = files.patch(a, "{\"dir_id\":\"" + b + "\"}");
        assertThat(intoItself.status()).isEqualTo(400);
        assertThat(files.patch(a, "{\"dir_id\":\"" + a + "\"}").status()).isEqualTo(400);
        assertThat(files.patch(a, "{\"name\":\"Docs\"}").status()).isEqualTo(409);
        assertThat(files.patch(a, "{\"name\":\"../x\"}").status()).isEqualTo(422);
        // nothing was written by the refusals
        assertThat(files.call("GET", "/files/" + dir, null)
                        .json()
                        .path("meta")
                        .path("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(files.call("GET", "/files/fsck", null).json().path("count").asInt())
                .isEqualTo(0);
    }

    @Test
    public void overwriteChecksIfMatchAndMd5() {
        FilesClient files = client("overwrite");
        JsonNode file = files.uploaded(ROOT, "note.txt", "v1");
        String id = file.path("id").asText();
        String rev = file.path("meta").path("rev").asText();
        Http.Response ok = files.request("PUT", "/files/" + id)
                .header("If-Match", rev)
                .header("Content-MD5", FilesClient.md5("version 2"))
                .body("version 2")
                .send();
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("data").path("attributes").path("size").asText())
                .isEqualTo("9");
        Http.Response stale = files.request("PUT", "/files/" + id)
                .header("If-Match", rev)
                .body("version 3")
                .send();
        assertThat(stale.status()).isEqualTo(412);
        Http.Response download = files.call("GET", "/files/download/" + id, null);
        assertThat(download.body()).isEqualTo("version 2");
    }

    @Test
    public void moveRenameUpdatesDescendantsAndTheTrashRestoresWithASuffix() {
        FilesClient files = client("moves");
        String a = files.mkdirId(ROOT, "A");
        String b = files.mkdirId(a, "B");
        files.uploaded(b, "deep.txt", "deep");
        String target = files.mkdirId(ROOT, "Target");
        Http.Response moved = files.patch(a, "{\"dir_id\":\"" + target + "\",\"name\":\"A2\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(files.call("GET", "/files/" + b, null)
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("path")
                        .asText())
                .isEqualTo("/Target/A2/B");
        assertThat(files.call("GET", "/files/metadata?Path=/Target/A2/B/deep.txt", null)
                        .status())
                .isEqualTo(200);

        String note = files.uploaded(ROOT, "note.txt", "one").path("id").asText();
        Http.Response trashed = files.call("DELETE", "/files/" + note, null);
        assertThat(trashed.status()).isEqualTo(200);
        assertThat(trashed.json()
                        .path("data")
                        .path("attributes")
                        .path("trashed")
                        .asBoolean())
                .isTrue();
        assertThat(files.call("GET", "/files/trash", null)
                        .json()
                        .path("data")
                        .path(0)
                        .path("id")
                        .asText())
                .isEqualTo(note);
        files.uploaded(ROOT, "note.txt", "two");
        Http.Response restored = files.call("POST", "/files/trash/" + note, null);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().path("data").path("attributes").path("name").asText())
                .isEqualTo("note (2).txt");
        assertThat(files.call("DELETE", "/files/trash/" + note, null).status())
                .as("only entries of the trash are destroyed")
                .isEqualTo(400);
        files.call("DELETE", "/files/" + note, null);
        files.call("DELETE", "/files/" + target, null);
        assertThat(files.call("DELETE", "/files/trash/" + note, null).status()).isEqualTo(204);
        assertThat(files.call("GET", "/files/" + note, null).status()).isEqualTo(404);
        assertThat(files.call("DELETE", "/files/trash", null).status()).isEqualTo(204);
        assertThat(files.call("GET", "/files/" + b, null).status()).isEqualTo(404);
        assertThat(files.call("GET", "/files/trash", null)
                        .json()
                        .path("meta")
                        .path("count")
                        .asLong())
                .isEqualTo(0);
    }

    @Test
    public void childrenPageWithACursorAndCount() {
        FilesClient files = client("paging");
        String dir = files.mkdirId(ROOT, "Many");
        for (int i = 0; i < 35; i++) {
            files.uploaded(dir, String.format("f%02d", i), "x");
        }
        List<String> names = new ArrayList<>();
        String next = "/files/" + dir + "?page[limit]=10";
        while (next != null) {
            JsonNode page = files.call("GET", next, null).json();
            assertThat(page.path("meta").path("count").asLong()).isEqualTo(35);
            page.path("included")
                    .forEach(f -> names.add(f.path("attributes").path("name").asText()));
            next = page.path("links").path("next").isMissingNode()
                    ? null
                    : page.path("links").path("next").asText();
        }
        assertThat(names).hasSize(35).isSorted().doesNotHaveDuplicates();
        assertThat(files.call("GET", "/files/" + dir + "/size", null)
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("size")
                        .asText())
                .isEqualTo("35");
    }

    @Test
    public void relationshipsReferencedByAndNotSynchronizedOn() {
        FilesClient files = client("relations");
        String dir = files.mkdirId(ROOT, "Albums");
        String photo = files.uploaded(dir, "p.jpg", "jpeg").path("id").asText();
        String ref = "{\"data\":[{\"type\":\"io.cozy.photos.albums\",\"id\":\"a1\"}]}";
        Http.Response added = files.call("POST", "/files/" + photo + "/relationships/referenced_by", ref);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("meta").path("count").asInt()).isEqualTo(1);
        assertThat(files.call("POST", "/files/" + photo + "/relationships/referenced_by", ref)
                        .json()
                        .path("meta")
                        .path("count")
                        .asInt())
                .as("at most once")
                .isEqualTo(1);
        JsonNode stat = files.call("GET", "/files/" + photo, null).json().path("data");
        assertThat(stat.path("relationships")
                        .path("referenced_by")
                        .path("data")
                        .path(0)
                        .path("id")
                        .asText())
                .isEqualTo("a1");
        assertThat(files.call("DELETE", "/files/" + photo + "/relationships/referenced_by", ref)
                        .json()
                        .path("meta")
                        .path("count")
                        .asInt())
                .isEqualTo(0);
        String client = "{\"data\":[{\"type\":\"io.cozy.oauth.clients\",\"id\":\"desktop\"}]}";
        assertThat(files.call("POST", "/files/" + dir + "/relationships/not_synchronized_on", client)
                        .status())
                .isEqualTo(200);
        assertThat(files.call("GET", "/files/" + dir, null)
                        .json()
                        .path("data")
                        .path("relationships")
                        .path("not_synchronized_on")
                        .path("data")
                        .path(0)
                        .path("id")
                        .asText())
                .isEqualTo("desktop");
        assertThat(files.call("POST", "/files/" + photo + "/relationships/not_synchronized_on", client)
                        .status())
                .as("directories only")
                .isEqualTo(422);
    }

    @Test
    public void batchPatchAndTagsAndFavorite() {
        FilesClient files = client("batch");
        String f1 = files.uploaded(ROOT, "1.txt", "1").path("id").asText();
        String f2 = files.uploaded(ROOT, "2.txt", "2").path("id").asText();
        Http.Response r = files.call(
                "PATCH",
                "/files/",
                "{\"data\":[{\"type\":\"io.cozy.files\",\"id\":\"" + f1
                        + "\",\"attributes\":{\"tags\":[\"x\"],\"cozyMetadata\":{\"favorite\":true}}},"
                        + "{\"type\":\"io.cozy.files\",\"id\":\"" + f2
                        + "\",\"attributes\":{\"move_to_trash\":true}}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        JsonNode one =
                files.call("GET", "/files/" + f1, null).json().path("data").path("attributes");
        assertThat(one.path("tags").path(0).asText()).isEqualTo("x");
        assertThat(one.path("cozyMetadata").path("favorite").asBoolean()).isTrue();
        assertThat(files.call("GET", "/files/" + f2, null)
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("trashed")
                        .asBoolean())
                .isTrue();
        Http.Response partial = files.call(
                "PATCH",
                "/files/",
                "{\"data\":[{\"type\":\"io.cozy.files\",\"id\":\"missing\",\"attributes\":{\"tags\":[]}}]}");
        assertThat(partial.status()).isEqualTo(404);
        assertThat(FilesClient.error(partial).path("source").path("id").asText())
                .isEqualTo("missing");
    }
}
