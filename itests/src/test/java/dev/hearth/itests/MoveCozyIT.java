package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Revision;
import dev.hearth.files.Content;
import dev.hearth.files.FileService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A part of a Cozy export (a zip laid out as cozy-stack writes it: {@code My Cozy/Data/<doctype>/<id>.json},
 * each file's document followed by its content under {@code My Cozy/Files/<path>}) imported into
 * an empty instance, ids and revisions kept; one whose content does not match its MD5 undone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MoveCozyIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private <T> T service(Class<T> type) {
        return context.getService(await(() -> context.getServiceReference(type)));
    }

    private static byte[] cozyExport(String content, String md5Of) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "My Cozy/Data/instance.json", "{\"domain\":\"alice.cozy.example\"}");
            put(zip, "My Cozy/Data/io.cozy.sessions/s1.json", "{\"_id\":\"s1\",\"_rev\":\"1-a\"}");
            put(
                    zip,
                    "My Cozy/Data/io.cozy.contacts/c1.json",
                    "{\"_id\":\"c1\",\"_rev\":\"3-abc\",\"fullname\":\"Alice\",\"email\":[{\"address\":\"a@x\"}]}");
            put(
                    zip,
                    "My Cozy/Data/io.cozy.files/dir1.json",
                    "{\"_id\":\"dir1\",\"_rev\":\"1-d1\",\"type\":\"directory\",\"name\":\"Photos\","
                            + "\"dir_id\":\"io.cozy.files.root-dir\",\"path\":\"/Photos\",\"tags\":[],"
                            + "\"created_at\":\"2024-01-01T00:00:00Z\",\"updated_at\":\"2024-01-01T00:00:00Z\"}");
            String md5 = Base64.getEncoder().encodeToString(MoveFixture.md5(md5Of.getBytes(StandardCharsets.UTF_8)));
            put(
                    zip,
                    "My Cozy/Data/io.cozy.files/file1.json",
                    "{\"_id\":\"file1\",\"_rev\":\"2-f1\",\"type\":\"file\",\"name\":\"a.txt\",\"dir_id\":\"dir1\","
                            + "\"size\":\"" + content.length() + "\",\"md5sum\":\"" + md5
                            + "\",\"mime\":\"text/plain\","
                            + "\"class\":\"text\",\"executable\":false,\"trashed\":false,\"tags\":[],"
                            + "\"created_at\":\"2024-01-01T00:00:00Z\",\"updated_at\":\"2024-01-01T00:00:00Z\"}");
            put(zip, "My Cozy/Files/Photos/a.txt", content);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private Http.Response importInto(String domain, byte[] body) {
        return Http.post(adminUrl() + "/instances/" + domain + "/import")
                .basic("admin", adminPassphrase())
                .body(body)
                .send();
    }

    @Test
    public void aCozyExportIsImportedWithItsIdsAndRevisions() throws IOException {
        String domain = createInstance("fromcozy");
        Http.Response r = importInto(domain, cozyExport("hello", "hello"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("files").asLong()).isEqualTo(1);
        DataService data = service(DataService.class);
        Revision contact = data.database(domain, "io.cozy.contacts").get("c1", null, false);
        assertThat(contact.rev()).isEqualTo("3-abc");
        assertThat(data.doctypes(domain)).doesNotContain("io.cozy.sessions");
        FileService files = service(FileService.class);
        assertThat(files.statByPath(domain, "/Photos/a.txt").path("_id").asText())
                .isEqualTo("file1");
        Content content = files.content(domain, "file1");
        try (InputStream in = content.opener().open(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(files.fsck(domain, true)).isEmpty();
        assertThat(files.children(domain, "dir1", null, 0, 10).docs())
                .extracting(e -> e.path("name").asText())
                .containsExactly("a.txt");
    }

    @Test
    public void aContentThatDoesNotMatchItsMd5UndoesTheImport() throws IOException {
        String domain = createInstance("badmd5");
        Http.Response r = importInto(domain, cozyExport("hello", "something else"));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("errors").path(0).path("detail").asText()).contains("MD5", "undone");
        DataService data = service(DataService.class);
        for (String doctype : data.doctypes(domain)) {
            assertThat(data.database(domain, doctype).normalDocCount())
                    .as(doctype)
                    .isEqualTo(doctype.equals("io.cozy.files") ? 3 : 0);
        }
        assertThat(service(FileService.class).usage(domain).used()).isZero();
    }
}
