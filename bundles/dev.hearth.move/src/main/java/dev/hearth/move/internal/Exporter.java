package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.files.BlobStore;
import dev.hearth.files.FileService;
import dev.hearth.instances.InstanceService;
import dev.hearth.move.ExportPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes an instance into the parts of an export: its settings, then every doctype's documents
 * (each document's winner under {@code My Cozy/Data}, its other leaves under {@code My Cozy/Hearth/revs}),
 * each file's content right after its document, then local documents.
 */
final class Exporter {
    private final DataService data;
    private final FileService files;
    private final BlobStore blobs;
    private final InstanceService instances;
    private long documents;
    private long contents;
    private final Map<String, Long> sequences = new TreeMap<>();

    Exporter(DataService data, FileService files, BlobStore blobs, InstanceService instances) {
        this.data = data;
        this.files = files;
        this.blobs = blobs;
        this.instances = instances;
    }

    /** Writes the parts into {@code dir}; answers the manifest, also written there. */
    Manifest export(String domain, Path dir, long partsSize, String createdAt, BooleanSupplier cancelled)
            throws IOException {
        long now = System.currentTimeMillis();
        List<ExportPart> parts;
        try (Parts out = new Parts(dir, partsSize)) {
            out.entry(
                    Layout.SETTINGS, now, Json.bytes(instances.settings(domain).attributes()));
            for (String doctype : data.doctypes(domain)) {
                if (Layout.EXCLUDED.contains(doctype)) {
                    continue;
                }
                exportDoctype(domain, data.database(domain, doctype), out, now, cancelled);
            }
            parts = out.complete();
        }
        Manifest m = new Manifest(Manifest.VERSION, domain, createdAt, parts, documents, contents, sequences);
        java.nio.file.Files.write(dir.resolve(Manifest.NAME), m.toBytes());
        return m;
    }

    private void exportDoctype(String domain, Database db, Parts out, long now, BooleanSupplier cancelled)
            throws IOException {
        String since = null;
        while (true) {
            Leaves.Page page = Leaves.page(db, since);
            for (String id : page.ids()) {
                if (cancelled.getAsBoolean()) {
                    throw new IOException("The export was cancelled");
                }
                out.roll();
                if (page.simple().contains(id) && !withContent(db.doctype()) && keep(db.doctype(), id)) {
                    exportSingle(db, id, out, now);
                } else {
                    exportDocument(domain, db, id, out, now);
                }
            }
            if (page.ids().isEmpty()) {
                record(db.doctype(), page.lastSeq());
                break;
            }
            since = page.lastSeq();
        }
        for (ObjectNode local : db.localDocs()) {
            String id = local.path("_id").asText().substring("_local/".length());
            out.entry(Layout.LOCAL + db.doctype() + "/" + id + ".json", now, Json.bytes(local));
            documents++;
        }
    }

    /** The sequence the database was at once exported, when it is a number (it is for Hearth's). */
    private void record(String doctype, String seq) {
        try {
            sequences.put(doctype, Long.parseLong(seq));
        } catch (NumberFormatException e) {
            // an opaque sequence: replicas of this database start over after a move
        }
    }

    /** A document with one live leaf (most of them), written without being parsed. */
    private void exportSingle(Database db, String id, Parts out, long now) throws IOException {
        byte[] doc;
        try {
            doc = Leaves.single(db, id);
        } catch (CouchException changed) {
            return;
        }
        if (out.entry(Layout.DATA + db.doctype() + "/" + id + ".json", now, doc)) {
            documents++;
        }
    }

    private static boolean withContent(String doctype) {
        return doctype.equals(Layout.FILES_DOCTYPE) || doctype.equals(Layout.VERSIONS_DOCTYPE);
    }

    private void exportDocument(String domain, Database db, String id, Parts out, long now) throws IOException {
        List<ObjectNode> leaves = Leaves.of(db, id);
        if (leaves.isEmpty() || !keep(db.doctype(), id)) {
            return;
        }
        ObjectNode winner = leaves.get(0);
        String path = db.doctype() + "/" + id + ".json";
        int others = 0;
        if (!winner.path("_deleted").asBoolean(false)) {
            if (!out.entry(Layout.DATA + path, now, Json.bytes(winner))) {
                return;
            }
            documents++;
            others = 1;
            content(domain, db.doctype(), winner, out, now);
        }
        if (leaves.size() > others) {
            ArrayNode rest = Json.mapper().createArrayNode();
            leaves.subList(others, leaves.size()).forEach(rest::add);
            if (out.entry(Layout.REVS + path, now, Json.bytes(rest))) {
                documents += rest.size();
            }
        }
    }

    /** Permission documents other than app grants carry codes (tokens): they stay behind. */
    private static boolean keep(String doctype, String id) {
        return !doctype.equals(Layout.PERMISSIONS) || Layout.isAppGrant(id);
    }

    /** The content of a file or of an old version, right after its document. */
    private void content(String domain, String doctype, ObjectNode doc, Parts out, long now) throws IOException {
        String key = doc.path("internal_vfs_id").asText("");
        boolean file = doctype.equals(Layout.FILES_DOCTYPE)
                && "file".equals(doc.path("type").asText());
        boolean version = doctype.equals(Layout.VERSIONS_DOCTYPE);
        if ((!file && !version) || key.isEmpty() || blobs.size(domain, key) < 0) {
            return;
        }
        String name = file ? contentPath(domain, doc) : doc.path("_id").asText();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long size;
        try (InputStream in = new java.util.zip.CheckedInputStream(blobs.open(domain, key, 0), crc)) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        boolean written = out.storedEntry(Layout.FILES + name, now, size, crc.getValue(), sink -> {
            try (InputStream in = blobs.open(domain, key, 0)) {
                in.transferTo(sink);
            }
        });
        if (written) {
            contents++;
        }
    }

    private @Nullable String contentPathOrNull(String domain, ObjectNode doc) {
        try {
            return files.path(domain, doc);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String contentPath(String domain, ObjectNode doc) {
        String path = contentPathOrNull(domain, doc);
        String name = path == null ? doc.path("_id").asText() : path;
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
