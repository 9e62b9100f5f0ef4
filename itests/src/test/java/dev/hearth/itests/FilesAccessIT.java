package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * The /files API over real HTTP: downloads (ETag, ranges, secrets), scoped tokens, the quota, queries
 * over the doctype, and broken requests that must write nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesAccessIT extends HearthTestSupport {
    private static final String ROOT = "io.cozy.files.root-dir";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private FilesClient client(String instance, String more) {
        String domain = createInstance(instance, more);
        return new FilesClient(publicUrl(), domain, cliToken(domain, "io.cozy.files"));
    }

    @Test
    public void downloadsHaveEtagsRangesAndSafeDispositions() {
        FilesClient files = client("downloads", "");
        String id = files.uploaded(ROOT, "r\u00e9sum\u00e9 \"x\".txt", "hello world")
                .path("id")
                .asText();
        Http.Response whole = files.call("GET", "/files/download/" + id, null);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("hello world");
        String etag = whole.header("ETag");
        assertThat(etag).isEqualTo("\"" + FilesClient.md5("hello world") + "\"");
        assertThat(whole.header("Content-Disposition"))
                .startsWith("inline; filename=\"r_sum_ _x_.txt\"")
                .contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%22x%22.txt");
        assertThat(files.call("GET", "/files/download/" + id + "?Dl=1", null).header("Content-Disposition"))
                .startsWith("attachment;");
        String plain = files.uploaded(ROOT, "Plain_name-2.txt", "x").path("id").asText();
        assertThat(files.call("GET", "/files/download/" + plain, null).header("Content-Disposition"))
                .isEqualTo("inline; filename=\"Plain_name-2.txt\"; filename*=UTF-8''Plain_name-2.txt");
        assertThat(files.request("GET", "/files/download/" + id)
                        .header("If-None-Match", etag)
                        .send()
                        .status())
                .isEqualTo(304);
        Http.Response part = files.request("GET", "/files/download/" + id)
                .header("Range", "bytes=6-")
                .send();
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("world");
        assertThat(part.header("Content-Range")).isEqualTo("bytes 6-10/11");
        Http.Response past = files.request("GET", "/files/download/" + id)
                .header("Range", "bytes=11-")
                .send();
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */11");
        assertThat(FilesClient.error(past).path("status").asText()).isEqualTo("416");
        assertThat(files.call("GET", "/files/download?Path=" + FilesClient.enc("/r\u00e9sum\u00e9 \"x\".txt"), null)
                        .body())
                .isEqualTo("hello world");

        Http.Response secret = files.call("POST", "/files/downloads?Id=" + id, null);
        String related = secret.json().path("links").path("related").asText();
        assertThat(related).startsWith("/files/downloads/");
        FilesClient anonymous = files.as(null);
        assertThat(anonymous.call("GET", related, null).body()).isEqualTo("hello world");
        assertThat(anonymous.call("GET", related, null).status()).as("one use").isEqualTo(404);
        assertThat(anonymous.call("GET", "/files/download/" + id, null).status())
                .isEqualTo(401);
    }

    @Test
    public void aTokenScopedToAFolderReadsItsSubtreeAndNothingElse() {
        FilesClient owner = client("scoped", "");
        String shared = owner.mkdirId(ROOT, "Shared");
        String inner = owner.mkdirId(shared, "Inner");
        String deep = owner.uploaded(inner, "deep.txt", "deep").path("id").asText();
        String sibling = owner.mkdirId(ROOT, "Private");
        String secret =
                owner.uploaded(sibling, "secret.txt", "secret").path("id").asText();
        String domain = createInstance("scoped");
        FilesClient scoped = owner.as(cliToken(domain, "io.cozy.files:GET:" + shared));

        assertThat(scoped.call("GET", "/files/" + shared, null).status()).isEqualTo(200);
        assertThat(scoped.call("GET", "/files/" + deep, null).status()).isEqualTo(200);
        assertThat(scoped.call("GET", "/files/download/" + deep, null).body()).isEqualTo("deep");
        assertThat(scoped.call("GET", "/files/metadata?Path=/Shared/Inner/deep.txt", null)
                        .status())
                .isEqualTo(200);
        assertThat(scoped.call("GET", "/files/" + sibling, null).status()).isEqualTo(403);
        assertThat(scoped.call("GET", "/files/" + secret, null).status()).isEqualTo(403);
        assertThat(scoped.call("GET", "/files/download/" + secret, null).status())
                .isEqualTo(403);
        assertThat(scoped.call("GET", "/files/metadata?Path=/Private/secret.txt", null)
                        .status())
                .isEqualTo(403);
        assertThat(scoped.call("GET", "/files/missing", null).status())
                .as("no leak")
                .isEqualTo(403);
        assertThat(scoped.call("GET", "/files/" + ROOT, null).status()).isEqualTo(403);
        assertThat(scoped.upload(shared, "new.txt", "x").status())
                .as("GET only")
                .isEqualTo(403);
        assertThat(scoped.call("POST", "/files/_find", "{\"selector\":{}}").status())
                .isEqualTo(403);
        assertThat(scoped.call("GET", "/files/_changes", null).status()).isEqualTo(403);

        FilesClient writer = owner.as(cliToken(domain, "io.cozy.files:POST,PATCH:" + shared));
        assertThat(writer.upload(inner, "new.txt", "x").status()).isEqualTo(201);
        assertThat(writer.upload(sibling, "new.txt", "x").status()).isEqualTo(403);
        assertThat(writer.patch(deep, "{\"dir_id\":\"" + sibling + "\"}").status())
                .as("no move out of the scope")
                .isEqualTo(403);
    }

    @Test
    public void aShareLinkOnAFolderReadsThatFolderAndNothingElse() {
        FilesClient owner = client("sharelink", "");
        String album = owner.mkdirId(ROOT, "Album");
        String photo = owner.uploaded(album, "p.jpg", "jpeg bytes").path("id").asText();
        String other = owner.uploaded(ROOT, "other.txt", "private").path("id").asText();
        Http.Response set = owner.call(
                "POST",
                "/permissions?codes=visitor",
                "{\"data\":{\"type\":\"io.cozy.permissions\",\"attributes\":{\"permissions\":{\"album\":"
                        + "{\"type\":\"io.cozy.files\",\"verbs\":[\"GET\"],\"values\":[\"" + album + "\"]}}}}}");
        assertThat(set.status()).as(set.body()).isIn(200, 201);
        String code = set.json()
                .path("data")
                .path("attributes")
                .path("codes")
                .path("visitor")
                .asText();
        FilesClient visitor = owner.as(code);
        assertThat(visitor.call("GET", "/files/" + album, null).status()).isEqualTo(200);
        assertThat(visitor.call("GET", "/files/download/" + photo, null).body()).isEqualTo("jpeg bytes");
        assertThat(visitor.call("GET", "/files/" + other, null).status()).isEqualTo(403);
        assertThat(visitor.call("GET", "/files/download/" + other, null).status())
                .isEqualTo(403);
        assertThat(visitor.upload(album, "x.txt", "x").status()).isEqualTo(403);
    }

    @Test
    public void theQuotaRefusesUploadsWithoutLeftovers() throws IOException {
        FilesClient files = client("quota", "&DiskQuota=100");
        files.uploaded(ROOT, "small.txt", "x".repeat(60));
        Http.Response over = files.upload(ROOT, "big.txt", "y".repeat(60));
        assertThat(over.status()).isEqualTo(413);
        Http.Response chunkedOver = files.request("POST", "/files/" + ROOT + "?Type=file&Name=big2.txt")
                .body("z".repeat(41))
                .send();
        assertThat(chunkedOver.status()).isEqualTo(413);
        JsonNode usage = files.as(cliToken(createInstance("quota"), "io.cozy.settings:GET"))
                .call("GET", "/settings/disk-usage", null)
                .json()
                .path("data")
                .path("attributes");
        assertThat(usage.path("used").asText()).isEqualTo("60");
        assertThat(usage.path("quota").asText()).isEqualTo("100");
        assertThat(blobs("quota")).hasSize(1);
    }

    @Test
    public void brokenUploadsWriteNothing() throws Exception {
        FilesClient files = client("broken", "");
        String dir = files.mkdirId(ROOT, "In");
        // a body shorter than its Content-Length, then the connection closes
        raw("broken", "POST /files/" + dir + "?Type=file&Name=cut.txt", 1000, "only a part", true);
        // a body that says more than its Size
        raw("broken", "POST /files/" + dir + "?Type=file&Name=lie.txt&Size=4", 11, "only a part", false);
        assertThat(files.call("GET", "/files/" + dir, null)
                        .json()
                        .path("meta")
                        .path("count")
                        .asLong())
                .isEqualTo(0);
        assertThat(blobs("broken")).isEmpty();
        assertThat(files.call("GET", "/files/fsck?md5=true", null)
                        .json()
                        .path("count")
                        .asInt())
                .isEqualTo(0);
    }

    @Test
    public void queriesOverTheDoctype() {
        FilesClient files = client("queries", "");
        String dir = files.mkdirId(ROOT, "Q");
        String id = files.uploaded(dir, "found.txt", "found").path("id").asText();
        files.uploaded(dir, "other.txt", "other");
        Http.Response find = files.call("POST", "/files/_find", "{\"selector\":{\"name\":\"found.txt\"}}");
        assertThat(find.status()).as(find.body()).isEqualTo(200);
        assertThat(find.json().path("data").path(0).path("id").asText()).isEqualTo(id);
        assertThat(find.json().path("meta").path("count").asLong()).isEqualTo(1);
        Http.Response paged =
                files.call("POST", "/files/_find?page[limit]=1", "{\"selector\":{\"dir_id\":\"" + dir + "\"}}");
        assertThat(paged.json().path("meta").path("count").asLong()).isEqualTo(2147483646L);
        assertThat(paged.json().path("links").path("next").asText()).startsWith("/files/_find?page[cursor]=");

        Http.Response all = files.call("POST", "/files/_all_docs", "{\"keys\":[\"" + id + "\",\"missing\"]}");
        assertThat(all.json().path("data").size()).isEqualTo(1);

        files.call("DELETE", "/files/" + id, null);
        JsonNode changes = files.call("GET", "/files/_changes?include_docs=true&include_file_path=true", null)
                .json();
        assertThat(changes.has("last_seq")).isTrue();
        boolean sawPath = false;
        for (JsonNode r : changes.path("results")) {
            assertThat(r.path("id").asText()).doesNotStartWith("_design/");
            if (r.path("doc").path("name").asText().equals("other.txt")) {
                assertThat(r.path("doc").path("path").asText()).isEqualTo("/Q/other.txt");
                sawPath = true;
            }
        }
        assertThat(sawPath).isTrue();
        JsonNode untrashed =
                files.call("GET", "/files/_changes?skip_trashed=true", null).json();
        for (JsonNode r : untrashed.path("results")) {
            assertThat(r.path("id").asText()).isNotEqualTo(id);
            assertThat(r.has("doc")).isFalse();
        }
    }

    /** Sends a request by hand: headers, then {@code body}, then closes or reads the answer. */
    private void raw(String instance, String requestLine, long contentLength, String body, boolean abort)
            throws IOException {
        String domain = createInstance(instance);
        URI uri = URI.create(publicUrl());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = requestLine + " HTTP/1.1\r\nHost: " + domain + "\r\nAuthorization: Bearer "
                    + cliToken(domain, "io.cozy.files") + "\r\nContent-Length: " + contentLength
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (abort) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!abort) {
                assertThat(answer).startsWith("HTTP/1.1 412");
            }
        }
        await(() -> blobsOrNull(instance));
    }

    private Boolean blobsOrNull(String instance) {
        try {
            return stagingEmpty(instance) ? Boolean.TRUE : null;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean stagingEmpty(String instance) throws IOException {
        return Backends.staged(instanceDir(instance), createInstance(instance)).isEmpty();
    }

    private Path instanceDir(String instance) {
        String domain = createInstance(instance);
        ServiceReference<InstanceService> ref = context.getServiceReference(InstanceService.class);
        try {
            return context.getService(ref).directory(domain);
        } finally {
            context.ungetService(ref);
        }
    }

    /** The committed contents and the staged uploads of an instance, wherever they are stored. */
    private java.util.List<String> blobs(String instance) throws IOException {
        java.util.List<String> all = new java.util.ArrayList<>(Backends.blobKeys(context, createInstance(instance)));
        Backends.staged(instanceDir(instance), createInstance(instance)).forEach(p -> all.add(p.toString()));
        return all;
    }
}
