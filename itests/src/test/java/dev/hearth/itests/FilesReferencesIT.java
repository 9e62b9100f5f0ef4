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

/**
 * References between documents and files over real HTTP, both ways: {@code referenced_by} on a
 * file, and {@code /data/:doctype/:id/relationships/references} with paging, {@code included} and
 * {@code meta.count}; with the rights of the contract, and a share link whose files are those an
 * album references.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesReferencesIT extends HearthTestSupport {
    private static final String ROOT = "io.cozy.files.root-dir";
    private static final String ALBUM = "/data/io.cozy.albums/album1/relationships/references";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private FilesClient client(String instance) {
        String domain = createInstance(instance);
        FilesClient files = new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
        await(() -> files.call("GET", ALBUM, null).status() == 200 ? Boolean.TRUE : null);
        return files;
    }

    private static String refs(String... ids) {
        StringBuilder b = new StringBuilder("{\"data\":[");
        for (int i = 0; i < ids.length; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"io.cozy.files\",\"id\":\"")
                    .append(ids[i])
                    .append("\"}");
        }
        return b.append("]}").toString();
    }

    private static final String ALBUM_REF = "{\"data\":[{\"type\":\"io.cozy.albums\",\"id\":\"album1\"}]}";

    @Test
    public void referencesBothWaysWithPagingAndIncludedFiles() {
        FilesClient files = client("refs");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(files.uploaded(ROOT, "p" + i + ".jpg", "photo " + i)
                    .path("id")
                    .asText());
        }
        String unrelated = files.uploaded(ROOT, "other.txt", "x").path("id").asText();

        Http.Response byFile = files.call("POST", "/files/" + ids.get(0) + "/relationships/referenced_by", ALBUM_REF);
        assertThat(byFile.status()).as(byFile.body()).isEqualTo(200);
        assertThat(byFile.json().path("meta").path("count").asInt()).isEqualTo(1);
        assertThat(files.call("POST", ALBUM, refs(ids.get(1), ids.get(2))).status())
                .isEqualTo(204);
        JsonNode rel = files.call("GET", "/files/" + ids.get(1), null)
                .json()
                .path("data")
                .path("relationships")
                .path("referenced_by")
                .path("data");
        assertThat(rel.path(0).path("type").asText()).isEqualTo("io.cozy.albums");
        assertThat(rel.path(0).path("id").asText()).isEqualTo("album1");

        Http.Response page = files.call("GET", ALBUM + "?include=files&page[limit]=2", null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.path("meta").path("count").asInt()).isEqualTo(3);
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").path(0).path("type").asText()).isEqualTo("io.cozy.files");
        assertThat(body.path("included")).hasSize(2);
        assertThat(body.path("included").path(0).path("attributes").path("name").asText())
                .startsWith("p");
        String next = body.path("links").path("next").asText();
        assertThat(next).contains("page[cursor]=");
        JsonNode rest = files.call("GET", next, null).json();
        assertThat(rest.path("data")).hasSize(1);
        assertThat(rest.has("links")).isFalse();
        List<String> seen = new ArrayList<>();
        body.path("data").forEach(d -> seen.add(d.path("id").asText()));
        rest.path("data").forEach(d -> seen.add(d.path("id").asText()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotContain(unrelated);
        assertThat(files.call("GET", ALBUM + "?sort=datetime", null).json().path("data"))
                .hasSize(3);
        assertThat(files.call("GET", ALBUM + "?sort=size", null).status()).isEqualTo(400);
        assertThat(files.call("GET", ALBUM + "?include=files", null).json().has("included"))
                .isTrue();
        assertThat(files.call("GET", ALBUM, null).json().has("included")).isFalse();

        assertThat(files.call("DELETE", ALBUM, refs(ids.get(2))).status()).isEqualTo(204);
        Http.Response removed =
                files.call("DELETE", "/files/" + ids.get(0) + "/relationships/referenced_by", ALBUM_REF);
        assertThat(removed.json().path("meta").path("count").asInt()).isZero();
        assertThat(files.call("GET", ALBUM, null)
                        .json()
                        .path("meta")
                        .path("count")
                        .asInt())
                .isEqualTo(1);

        Http.Response missing = files.call("POST", ALBUM, refs(ids.get(0), "missing"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(FilesClient.error(missing).path("status").asText()).isEqualTo("404");
        assertThat(files.call("GET", ALBUM, null)
                        .json()
                        .path("meta")
                        .path("count")
                        .asInt())
                .as("nothing written")
                .isEqualTo(1);
        assertThat(files.call("POST", ALBUM, "{\"data\":[{\"type\":\"io.cozy.files\"}]}")
                        .status())
                .isEqualTo(400);
        assertThat(files.call("POST", ALBUM, "not json").status()).isEqualTo(400);
    }

    @Test
    public void theRightsOnTheDocumentOrOnEveryFile() {
        FilesClient owner = client("refrights");
        String a = owner.uploaded(ROOT, "a.jpg", "a").path("id").asText();
        assertThat(owner.call("POST", ALBUM, refs(a)).status()).isEqualTo(204);
        String domain = createInstance("refrights");
        FilesClient reader = owner.as(cliToken(domain, "io.cozy.albums:GET:album1"));
        assertThat(reader.call("GET", ALBUM, null).status()).isEqualTo(200);
        assertThat(reader.call("GET", "/data/io.cozy.albums/album2/relationships/references", null)
                        .status())
                .isEqualTo(403);
        assertThat(reader.call("POST", ALBUM, refs(a)).status()).as("needs PUT").isEqualTo(403);
        assertThat(reader.call("DELETE", ALBUM, refs(a)).status()).isEqualTo(403);
        FilesClient writer = owner.as(cliToken(domain, "io.cozy.albums:PUT,DELETE:album1"));
        assertThat(writer.call("DELETE", ALBUM, refs(a)).status()).isEqualTo(204);
        assertThat(writer.call("POST", ALBUM, refs(a)).status()).isEqualTo(204);
        FilesClient nobody = owner.as(cliToken(domain, "io.cozy.contacts"));
        assertThat(nobody.call("GET", ALBUM, null).status()).isEqualTo(403);
        assertThat(owner.as(null).call("GET", ALBUM, null).status()).isIn(401, 403);
    }

    @Test
    public void aShareLinkByReferenceReadsTheReferencedFilesOnly() {
        FilesClient owner = client("refshare");
        String inAlbum = owner.uploaded(ROOT, "in.jpg", "in album").path("id").asText();
        String outside =
                owner.uploaded(ROOT, "out.jpg", "not shared").path("id").asText();
        assertThat(owner.call("POST", ALBUM, refs(inAlbum)).status()).isEqualTo(204);
        Http.Response set = owner.call(
                "POST",
                "/permissions?codes=visitor",
                "{\"data\":{\"type\":\"io.cozy.permissions\",\"attributes\":{\"permissions\":{\"photos\":"
                        + "{\"type\":\"io.cozy.files\",\"verbs\":[\"GET\"],\"selector\":\"referenced_by\","
                        + "\"values\":[\"io.cozy.albums/album1\"]}}}}}");
        assertThat(set.status()).as(set.body()).isIn(200, 201);
        String code = set.json()
                .path("data")
                .path("attributes")
                .path("codes")
                .path("visitor")
                .asText();
        FilesClient visitor = owner.as(code);
        assertThat(visitor.call("GET", "/files/" + inAlbum, null).status()).isEqualTo(200);
        assertThat(visitor.call("GET", "/files/download/" + inAlbum, null).body())
                .isEqualTo("in album");
        assertThat(visitor.call("GET", "/files/" + outside, null).status()).isEqualTo(403);
        assertThat(visitor.call("GET", "/files/download/" + outside, null).status())
                .isEqualTo(403);
        Http.Response listed = visitor.call("GET", ALBUM + "?include=files", null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("data").path(0).path("id").asText()).isEqualTo(inAlbum);
        assertThat(visitor.call("GET", "/data/io.cozy.albums/album2/relationships/references", null)
                        .status())
                .isEqualTo(403);
        assertThat(visitor.call("POST", "/files/" + outside + "/relationships/referenced_by", ALBUM_REF)
                        .status())
                .as("a reader cannot pull a file into the album")
                .isEqualTo(403);
    }
}
