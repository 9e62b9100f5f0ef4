package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.files.FileService;
import dev.hearth.files.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/** Zip archives streamed from /files/archive, and copies. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesArchiveIT extends HearthTestSupport {
    private static final String ROOT = "io.cozy.files.root-dir";
    private static final int MANY = 10_000;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private FilesClient client(String instance) {
        String domain = createInstance(instance);
        return new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
    }

    @Test
    public void anArchiveOfTenThousandFilesStreams() throws Exception {
        FilesClient files = client("archive");
        String domain = createInstance("archive");
        String dir = files.mkdirId(ROOT, "Many");
        String sub = files.mkdirId(dir, "Sub");
        ServiceReference<FileService> ref = context.getServiceReference(FileService.class);
        FileService service = context.getService(ref);
        // Eight writers: each upload waits on its store (PostgreSQL and S3 on the cluster run).
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < MANY; i++) {
                int n = i;
                uploads.add(writers.submit(() -> upload(service, domain, n % 10 == 0 ? sub : dir, n)));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            writers.shutdownNow();
            context.ungetService(ref);
        }
        Http.Response created = files.call(
                "POST",
                "/files/archive",
                "{\"data\":{\"type\":\"io.cozy.files.archives\",\"attributes\":{\"name\":\"all\",\"ids\":[\"" + dir
                        + "\"]}}}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String related = created.json().path("links").path("related").asText();
        assertThat(related).endsWith("/all.zip");

        HttpRequest request = HttpRequest.newBuilder(URI.create(publicUrl() + related))
                .header("Host", domain)
                .build();
        HttpResponse<InputStream> zip =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Length"))
                .as("streamed, not built first")
                .isEmpty();
        int count = 0;
        String sample = null;
        try (ZipInputStream in = new ZipInputStream(zip.body())) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    count++;
                }
                if (e.getName().equals("Many/Sub/f10.txt")) {
                    sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(count).isEqualTo(MANY);
        assertThat(sample).isEqualTo("file 10");
        assertThat(files.as(null).call("GET", related, null).status())
                .as("one use")
                .isEqualTo(404);
    }

    private static void upload(FileService service, String domain, String dir, int i) {
        byte[] content = ("file " + i).getBytes(StandardCharsets.UTF_8);
        Upload up = new Upload(
                "f" + i + ".txt", null, null, "text/plain", List.of(), false, null, null, null, null, null, null);
        try {
            service.upload(domain, dir, up, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void anArchiveOfAnotherInstancesFileIsRefused() {
        FilesClient alice = client("alice-archive");
        String aliceFile = alice.uploaded(ROOT, "mine.txt", "mine").path("id").asText();
        FilesClient bob = client("bob-archive");
        Http.Response r = bob.call(
                "POST",
                "/files/archive",
                "{\"data\":{\"attributes\":{\"name\":\"steal\",\"ids\":[\"" + aliceFile + "\"]}}}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(FilesClient.error(r).path("status").asText()).isEqualTo("404");
        assertThat(bob.call("POST", "/files/archive", "{\"data\":{\"attributes\":{\"name\":\"x\",\"ids\":[]}}}")
                        .status())
                .isEqualTo(422);
        assertThat(bob.as(null).call("GET", "/files/archive/nope/x.zip", null).status())
                .isEqualTo(404);
    }

    @Test
    public void copiesGetASuffixAndCountInTheQuota() throws IOException {
        String domain = createInstance("copies", "&DiskQuota=25");
        FilesClient files = new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
        JsonNode source = files.uploaded(ROOT, "a.txt", "0123456789");
        String id = source.path("id").asText();
        Http.Response copy = files.call("POST", "/files/" + id + "/copy", null);
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        JsonNode attributes = copy.json().path("data").path("attributes");
        assertThat(attributes.path("name").asText()).isEqualTo("a (2).txt");
        assertThat(attributes.path("md5sum").asText()).isEqualTo(FilesClient.md5("0123456789"));
        String copyId = copy.json().path("data").path("id").asText();
        assertThat(files.call("GET", "/files/download/" + copyId, null).body()).isEqualTo("0123456789");
        assertThat(files.call("POST", "/files/" + id + "/copy?Name=a.txt", null).status())
                .isEqualTo(409);
        assertThat(files.call("POST", "/files/" + id + "/copy?Name=b.txt", null).status())
                .as("over the quota")
                .isEqualTo(413);
    }
}
