package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.files.BlobStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the documents, local documents and contents of checked parts into an instance, as
 * replication does ({@code new_edits=false}: every id and revision kept), noting each write in
 * the journal. Apps, settings and the documents the new instance already had are left to the
 * caller ({@link Restore}), which runs after.
 */
final class Importer {
    private static final int BATCH = 200;
    private static final int MAX_JSON = 32 << 20;

    private final DataService data;
    private final BlobStore blobs;
    private final String domain;
    private final Journal journal;
    private final Restore.Collected collected;
    private final List<ObjectNode> batch = new ArrayList<>();
    private @Nullable String batchDoctype;
    long documents;
    long contents;
    long bytes;

    Importer(DataService data, BlobStore blobs, String domain, Journal journal, Restore.Collected collected) {
        this.data = data;
        this.blobs = blobs;
        this.domain = domain;
        this.journal = journal;
        this.collected = collected;
    }

    void importPart(Path part) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(part), 1 << 16))) {
            ZipEntry e = zip.getNextEntry();
            while (e != null) {
                e = entry(zip, e);
            }
        }
        flush();
    }

    /** Handles one entry (and the content after a file's document); answers the next entry. */
    private @Nullable ZipEntry entry(ZipInputStream zip, ZipEntry e) throws IOException {
        String name = e.getName();
        if (name.equals(Layout.SETTINGS)) {
            collected.settings = Json.parseObject(read(zip, name));
        } else if (name.startsWith(Layout.LOCAL)) {
            local(split(name, Layout.LOCAL), Json.parseObject(read(zip, name)));
        } else if (name.startsWith(Layout.REVS)) {
            String[] at = split(name, Layout.REVS);
            JsonNode leaves = Json.mapper().readTree(read(zip, name));
            for (JsonNode leaf : leaves) {
                document(at[0], at[1], (ObjectNode) leaf);
            }
        } else if (name.startsWith(Layout.DATA) && name.indexOf('/', Layout.DATA.length()) > 0) {
            String[] at = split(name, Layout.DATA);
            ObjectNode doc = Json.parseObject(read(zip, name));
            if (needsContent(at[0], doc)) {
                return withContent(zip, at[0], at[1], doc);
            }
            document(at[0], at[1], doc);
        }
        return zip.getNextEntry();
    }

    /** {@code <prefix><doctype>/<id>.json} as doctype and id; ids may hold slashes. */
    private static String[] split(String name, String prefix) {
        String rest = name.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || !rest.endsWith(".json")) {
            throw Refusals.invalid("unexpected entry " + name);
        }
        return new String[] {rest.substring(0, slash), rest.substring(slash + 1, rest.length() - ".json".length())};
    }

    private static byte[] read(ZipInputStream zip, String name) throws IOException {
        byte[] bytes = zip.readNBytes(MAX_JSON + 1);
        if (bytes.length > MAX_JSON) {
            throw Refusals.invalid(name + " is larger than a document may be");
        }
        return bytes;
    }

    private static boolean needsContent(String doctype, ObjectNode doc) {
        return (doctype.equals(Layout.FILES_DOCTYPE)
                        && "file".equals(doc.path("type").asText()))
                || doctype.equals(Layout.VERSIONS_DOCTYPE);
    }

    /** A file's (or an old version's) document, whose content is the next entry. */
    private @Nullable ZipEntry withContent(ZipInputStream zip, String doctype, String id, ObjectNode doc)
            throws IOException {
        ZipEntry next = zip.getNextEntry();
        if (next == null || !next.getName().startsWith(Layout.FILES)) {
            collected.skipped.add(doctype + "/" + id + ": no content in the archive");
            return next;
        }
        String key = doc.path("internal_vfs_id").asText("");
        if (!key.matches("[A-Za-z0-9_-]{8,128}")) {
            key = dev.hearth.common.id.Ids.newId();
            doc.put("internal_vfs_id", key);
        }
        long size = doc.path("size").asLong(-1);
        try (BlobStore.Staged staged = blobs.stage(domain, zip, size < 0 ? Long.MAX_VALUE : size)) {
            String md5 = java.util.Base64.getEncoder().encodeToString(staged.md5());
            if (size >= 0 && staged.size() != size) {
                throw Refusals.invalid(
                        doctype + "/" + id + " has " + staged.size() + " bytes, its document says " + size);
            }
            if (!md5.equals(doc.path("md5sum").asText(md5))) {
                throw Refusals.invalid(doctype + "/" + id + " does not match its MD5 ("
                        + doc.path("md5sum").asText() + ")");
            }
            staged.commit(key);
            journal.wroteBlob(key);
            contents++;
            bytes += staged.size();
        } catch (BlobStore.TooLargeException e) {
            throw Refusals.invalid(doctype + "/" + id + " is larger than its document says");
        }
        document(doctype, id, doc);
        return zip.getNextEntry();
    }

    private void document(String doctype, String id, ObjectNode doc) {
        if ((doctype.equals(Layout.APPS) || doctype.equals(Layout.KONNECTORS))
                && !doc.path("_deleted").asBoolean(false)) {
            collected.apps.add(doc);
        }
        if (skipped(doctype, id)) {
            return;
        }
        if (!id.equals(doc.path("_id").asText()) || !doc.path("_rev").isTextual()) {
            throw Refusals.invalid(doctype + "/" + id + " has no matching _id or no _rev");
        }
        if (journal.existed(doctype, id)) {
            collected.merges.add(new Restore.Merge(doctype, doc));
            return;
        }
        if (!doctype.equals(batchDoctype) || batch.size() >= BATCH) {
            flush();
        }
        batchDoctype = doctype;
        batch.add(doc);
    }

    /** What is never imported: excluded doctypes, app documents and grants (the reinstall makes them). */
    private boolean skipped(String doctype, String id) {
        if (Layout.EXCLUDED.contains(doctype)) {
            return true;
        }
        if (doctype.equals(Layout.APPS) || doctype.equals(Layout.KONNECTORS)) {
            return true;
        }
        return doctype.equals(Layout.PERMISSIONS) && Layout.isAppGrant(id);
    }

    private void local(String[] at, ObjectNode doc) {
        if (Layout.EXCLUDED.contains(at[0])) {
            return;
        }
        flush();
        data.database(domain, at[0]).restoreLocal(doc);
        journal.wroteLocal(at[0], at[1]);
        documents++;
    }

    void flush() {
        if (batch.isEmpty() || batchDoctype == null) {
            return;
        }
        Database db = data.database(domain, batchDoctype);
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode docs = body.putArray("docs");
        batch.forEach(docs::add);
        body.put("new_edits", false);
        List<WriteResult> failures = db.bulkDocs(body);
        for (ObjectNode doc : batch) {
            journal.wrote(batchDoctype, doc.path("_id").asText());
        }
        if (!failures.isEmpty()) {
            WriteResult f = failures.get(0);
            throw Refusals.failed(batchDoctype + "/" + f.id() + " was refused: " + f.error() + " " + f.reason());
        }
        documents += batch.size();
        batch.clear();
    }
}
