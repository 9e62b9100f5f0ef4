package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppInstallations;
import dev.hearth.apps.AppType;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import dev.hearth.files.Upload;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The instance a move test exports: documents over many doctypes (one with a conflict, one
 * deleted, local documents), nested folders of files, an old version, references, a web app, a
 * konnector with its account and trigger. Written through the domain services, in process.
 */
final class MoveFixture {
    static final String WEBAPP_PERMISSIONS =
            "{\"notes\":{\"type\":\"com.example.notes\"},\"files\":{\"type\":\"io.cozy.files\",\"verbs\":[\"GET\"]}}";
    static final String KONNECTOR_PERMISSIONS = "{\"bills\":{\"type\":\"io.cozy.bills\"}}";

    final int doctypes;
    final int docsPerDoctype;
    final int folders;
    final int filesPerFolder;
    final List<String> fileIds = new ArrayList<>();
    Path webappArchive;
    String conflictId;
    String triggerId;
    String versionedFileId;

    MoveFixture(int doctypes, int docsPerDoctype, int folders, int filesPerFolder) {
        this.doctypes = doctypes;
        this.docsPerDoctype = docsPerDoctype;
        this.folders = folders;
        this.filesPerFolder = filesPerFolder;
    }

    void populate(
            String domain,
            DataService data,
            FileService files,
            FileVersions versions,
            AppInstallations apps,
            JobsService jobs)
            throws IOException {
        documents(domain, data);
        files(domain, files, versions);
        webappArchive = AppsSupport.webapp("notes", "1.0.0", WEBAPP_PERMISSIONS);
        apps.install(domain, AppType.WEBAPP, "notes", webappArchive.toUri().toString());
        Path konnector = AppsSupport.konnector("bills", "2.1.0", KONNECTOR_PERMISSIONS);
        apps.install(domain, AppType.KONNECTOR, "bills", konnector.toUri().toString());
        ObjectNode account = Json.mapper().createObjectNode();
        account.put("account_type", "bills").putObject("auth").put("login", "alice");
        String accountId =
                data.database(domain, "io.cozy.accounts").save(account).id();
        ObjectNode message =
                Json.mapper().createObjectNode().put("konnector", "bills").put("account", accountId);
        Trigger t = jobs.createTrigger(
                domain, new TriggerRequest("@cron", "0 0 5 * * *", "konnector", message, null, null));
        triggerId = t.id();
    }

    private void documents(String domain, DataService data) {
        for (int d = 0; d < doctypes; d++) {
            Database db = data.database(domain, "com.example.kind" + d);
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode docs = body.putArray("docs");
            for (int i = 0; i < docsPerDoctype; i++) {
                docs.addObject()
                        .put("_id", "doc-" + d + "-" + i)
                        .put("n", i)
                        .put("title", "Document " + i + " of " + d);
            }
            assertThat(db.bulkDocs(body)).allMatch(r -> r.isOk());
            db.putLocal("checkpoint-" + d, Json.mapper().createObjectNode().put("last_seq", "42-" + d));
        }
        Database notes = data.database(domain, "com.example.notes");
        String rev = notes.save(
                        Json.mapper().createObjectNode().put("_id", "shared").put("text", "base"))
                .rev();
        ObjectNode branches = Json.mapper().createObjectNode().put("new_edits", false);
        ArrayNode docs = branches.putArray("docs");
        String base = rev.substring(rev.indexOf('-') + 1);
        docs.addObject()
                .put("_id", "shared")
                .put("_rev", "2-aaaa")
                .put("text", "from the phone")
                .putObject("_revisions")
                .put("start", 2)
                .putArray("ids")
                .add("aaaa")
                .add(base);
        docs.addObject()
                .put("_id", "shared")
                .put("_rev", "2-bbbb")
                .put("text", "from the laptop")
                .putObject("_revisions")
                .put("start", 2)
                .putArray("ids")
                .add("bbbb")
                .add(base);
        assertThat(notes.bulkDocs(branches)).isEmpty();
        conflictId = "shared";
        String gone = notes.save(
                        Json.mapper().createObjectNode().put("_id", "gone").put("text", "x"))
                .rev();
        notes.save(Json.mapper()
                .createObjectNode()
                .put("_id", "gone")
                .put("_rev", gone)
                .put("_deleted", true));
        notes.putLocal("pouch-replica", Json.mapper().createObjectNode().put("last_seq", "7"));
    }

    private void files(String domain, FileService files, FileVersions versions) throws IOException {
        Random random = new Random(17);
        String parent = null;
        for (int f = 0; f < folders; f++) {
            String dir = files.createDirectory(domain, parent, "folder " + f, List.of("t" + f), null, null)
                    .path("_id")
                    .asText();
            for (int i = 0; i < filesPerFolder; i++) {
                byte[] bytes = i == 0 && f == 0
                        ? new byte[1_600_000]
                        : ("file " + f + "/" + i).getBytes(StandardCharsets.UTF_8);
                if (i == 0 && f == 0) {
                    random.nextBytes(bytes);
                }
                ObjectNode doc =
                        files.upload(domain, dir, upload("f" + i + ".txt", bytes), new ByteArrayInputStream(bytes));
                fileIds.add(doc.path("_id").asText());
            }
            parent = f % 3 == 2 ? null : dir;
        }
        versionedFileId = fileIds.get(1);
        versions.newVersion(
                domain, versionedFileId, Json.mapper().createObjectNode().put("note", "v2"), List.of("kept"));
        ObjectNode ref = Json.mapper()
                .createObjectNode()
                .put("type", "io.cozy.photos.albums")
                .put("id", "album-1");
        files.references(domain, fileIds.get(2), "referenced_by", List.of(ref), true);
    }

    static Upload upload(String name, byte[] bytes) {
        return new Upload(
                name,
                (long) bytes.length,
                md5(bytes),
                "text/plain",
                List.of(),
                false,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leaves of every document of a doctype, by id: what a comparison of two instances reads. */
    static JsonNode leaves(Database db, String id) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var gen = Json.mapper().getFactory().createGenerator(out)) {
            db.writeOpenRevs(id, null, false, true, gen);
        }
        return Json.mapper().readTree(out.toByteArray());
    }
}
