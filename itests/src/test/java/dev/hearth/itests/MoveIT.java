package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.datasystem.DataService;
import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import dev.hearth.jobs.JobsService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An instance exported through the admin API and imported into a new one, compared document by
 * document and file by file; archives that are truncated, altered, of a newer format, or meant
 * for an instance that has data, refused with nothing written; an import that fails half-way
 * undone; the user's export through a job and a one-time link.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MoveIT extends HearthTestSupport {
    private static final MoveFixture FIXTURE = new MoveFixture(20, 500, 20, 50);
    private static byte[] archive;

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private <T> T service(Class<T> type) {
        return context.getService(await(() -> context.getServiceReference(type)));
    }

    /** The fixture's instance, exported once through the admin API, as one tar. */
    private synchronized byte[] archive() throws IOException {
        if (archive == null) {
            String src = createInstance("movesrc");
            FIXTURE.populate(
                    src,
                    service(DataService.class),
                    service(FileService.class),
                    service(FileVersions.class),
                    service(AppInstallations.class),
                    service(JobsService.class));
            Http.Response r = adminPost("/instances/" + src + "/export?PartsSize=1048576");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            String exportUrl = adminUrl() + "/instances/" + src + "/exports/"
                    + r.json().path("data").path("id").asText();
            JsonNode attributes = await(() -> {
                JsonNode a = Http.get(exportUrl)
                        .basic("admin", adminPassphrase())
                        .send()
                        .json()
                        .path("data")
                        .path("attributes");
                return a.path("state").asText().equals("exporting") ? null : a;
            });
            assertThat(attributes.path("state").asText())
                    .as(attributes.toString())
                    .isEqualTo("done");
            assertThat(attributes.path("parts").size()).as("parts of 1 MiB").isGreaterThan(1);
            Http.BinaryResponse tar = Http.get(exportUrl + "/data")
                    .basic("admin", adminPassphrase())
                    .sendForBytes();
            assertThat(tar.status()).isEqualTo(200);
            archive = tar.body();
        }
        return archive;
    }

    private Http.Response importInto(String domain, byte[] body) {
        return Http.post(adminUrl() + "/instances/" + domain + "/import")
                .basic("admin", adminPassphrase())
                .body(body)
                .send();
    }

    @Test
    public void anInstanceImportedFromItsExportIsTheSame() throws IOException {
        byte[] tar = archive();
        String dst = createInstance("movedst");
        Http.Response r = importInto(dst, tar);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("apps").toString()).contains("webapp/notes", "konnector/bills");
        String src = "movesrc.localhost:" + publicPort();
        DataService data = service(DataService.class);
        FileService files = service(FileService.class);
        MoveCompare compare = new MoveCompare(data, files, service(FileVersions.class)).run(src, dst);
        assertThat(compare.differences).isEmpty();
        assertThat(compare.documents).isGreaterThan(10_000);
        assertThat(compare.contents).isEqualTo(FIXTURE.fileIds.size() + 1L);
        JsonNode shared = MoveFixture.leaves(data.database(dst, "com.example.notes"), FIXTURE.conflictId);
        assertThat(shared).hasSize(2);
        assertThat(files.fsck(dst, true)).isEmpty();
        assertThat(files.usage(dst)).isEqualTo(files.usage(src));
        assertThat(files.stat(dst, FIXTURE.fileIds.get(2)).path("referenced_by").toString())
                .contains("album-1");
        AppInstallations apps = service(AppInstallations.class);
        for (AppType type : AppType.values()) {
            assertThat(apps.list(dst, type).stream().map(i -> i.slug() + "@" + i.version()))
                    .isEqualTo(apps.list(src, type).stream()
                            .map(i -> i.slug() + "@" + i.version())
                            .toList());
        }
        AppPermissions grants = service(AppPermissions.class);
        assertThat(grants.of(dst, Audience.APP, "notes"))
                .isEqualTo(grants.of(src, Audience.APP, "notes"))
                .isPresent();
        assertThat(grants.of(dst, Audience.KONNECTOR, "bills"))
                .isEqualTo(grants.of(src, Audience.KONNECTOR, "bills"))
                .isPresent();
        JobsService jobs = service(JobsService.class);
        assertThat(jobs.trigger(dst, FIXTURE.triggerId).doc())
                .isEqualTo(jobs.trigger(src, FIXTURE.triggerId).doc());
        assertThat(jobs.triggers(dst, Set.of("konnector"), Set.of()).stream().map(t -> t.id()))
                .containsExactly(FIXTURE.triggerId);
    }

    @Test
    public void aTruncatedArchiveIsRefusedWithNothingWritten() throws IOException {
        byte[] tar = archive();
        String dst = createInstance("movetruncated");
        Http.Response r = importInto(dst, Arrays.copyOf(tar, tar.length / 2));
        assertRefused(r, 422, "truncated");
        assertEmpty(dst);
    }

    @Test
    public void aTamperedPartIsRefusedWithNothingWritten() throws IOException {
        byte[] tar = archive().clone();
        tar[partData(tar) + 1000] ^= 0x5a;
        String dst = createInstance("movetampered");
        assertRefused(importInto(dst, tar), 422, "SHA-256");
        assertEmpty(dst);
    }

    @Test
    public void anArchiveOfANewerFormatIsRefusedWithNothingWritten() throws IOException {
        byte[] tar = archive().clone();
        String text = new String(tar, 0, 4096, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"version\":1");
        assertThat(at).isPositive();
        tar[at + "\"version\":".length()] = '7';
        String dst = createInstance("movenewer");
        assertRefused(importInto(dst, tar), 422, "format version 7");
        assertEmpty(dst);
    }

    @Test
    public void anInstanceWithDataIsNotImportedInto() throws IOException {
        byte[] tar = archive();
        String dst = createInstance("movefull");
        DataService data = service(DataService.class);
        data.database(dst, "io.cozy.contacts")
                .save(dev.hearth.common.json.Json.mapper().createObjectNode().put("fullname", "Bob"));
        assertRefused(importInto(dst, tar), 409, "not empty");
        assertThat(data.doctypes(dst)).doesNotContain("com.example.kind0");
        assertThat(data.database(dst, "io.cozy.contacts").normalDocCount()).isEqualTo(1);
    }

    @Test
    public void anImportThatFailsHalfWayIsUndone() throws IOException {
        byte[] tar = archive();
        Files.move(FIXTURE.webappArchive, FIXTURE.webappArchive.resolveSibling("moved-away.tar.gz"));
        try {
            String dst = createInstance("moveundone");
            assertRefused(importInto(dst, tar), 422, "notes cannot be installed again");
            assertEmpty(dst);
            assertThat(service(AppInstallations.class).list(dst, AppType.KONNECTOR))
                    .isEmpty();
        } finally {
            Files.move(FIXTURE.webappArchive.resolveSibling("moved-away.tar.gz"), FIXTURE.webappArchive);
        }
    }

    @Test
    public void theUserExportsThroughAJobAndDownloadsOnceThroughALink() throws IOException {
        String domain = createInstance("moveuser");
        String token = cliToken(domain, "io.cozy.exports");
        String files = cliToken(domain, "io.cozy.files");
        Http.Response refused = Http.post(publicUrl() + "/move/exports")
                .host(domain)
                .bearer(files)
                .json()
                .send();
        assertThat(refused.status()).isEqualTo(403);
        Http.Response asked = Http.post(publicUrl() + "/move/exports")
                .host(domain)
                .bearer(token)
                .json()
                .send();
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String id = asked.json().path("data").path("id").asText();
        JsonNode done = await(() -> {
            JsonNode a = Http.get(publicUrl() + "/move/exports/" + id)
                    .host(domain)
                    .bearer(token)
                    .json()
                    .send()
                    .json()
                    .path("data")
                    .path("attributes");
            return a.path("state").asText().equals("exporting") ? null : a;
        });
        assertThat(done.path("state").asText()).isEqualTo("done");
        Http.Response link = Http.post(publicUrl() + "/move/exports/" + id + "/link")
                .host(domain)
                .bearer(token)
                .json()
                .send();
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        String path = link.json().path("url").asText().replaceFirst("^https?://[^/]+", "");
        Http.BinaryResponse first = Http.get(publicUrl() + path).host(domain).sendForBytes();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/x-tar");
        assertThat(new String(first.body(), 0, 13, StandardCharsets.US_ASCII)).isEqualTo("manifest.json");
        assertThat(Http.get(publicUrl() + path).host(domain).send().status()).isEqualTo(404);
    }

    /** Where the bytes of the first part begin in a tar archive. */
    private static int partData(byte[] tar) {
        byte[] name = "part-0000.zip".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + 512 < tar.length; at += 512) {
            if (Arrays.equals(Arrays.copyOfRange(tar, at, at + name.length), name) && tar[at + name.length] == 0) {
                return at + 512;
            }
        }
        throw new AssertionError("no part in the archive");
    }

    private static void assertRefused(Http.Response r, int status, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("errors").path(0).path("detail").asText()).contains(reason);
    }

    /** Nothing but what a new instance has: its special directories, no app, no blob. */
    private void assertEmpty(String domain) {
        DataService data = service(DataService.class);
        for (String doctype : data.doctypes(domain)) {
            long expected = doctype.equals("io.cozy.files") ? 3 : 0;
            if (!List.of("io.cozy.jobs", "io.cozy.sessions").contains(doctype)) {
                assertThat(data.database(domain, doctype).normalDocCount())
                        .as(doctype)
                        .isEqualTo(expected);
            }
        }
        assertThat(service(FileService.class).usage(domain).used()).isZero();
        assertThat(service(AppInstallations.class).list(domain, AppType.WEBAPP)).isEmpty();
        assertThat(data.database(domain, "com.example.kind0").localDocs()).isEmpty();
    }
}
