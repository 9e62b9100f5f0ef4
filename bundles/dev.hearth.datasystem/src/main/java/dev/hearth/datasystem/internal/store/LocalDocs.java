package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Local documents ({@code _local/<id>}): never replicated, no revision tree, no changes entry;
 * their revision is {@code 0-N}, checked on each write as CouchDB does.
 */
final class LocalDocs {
    private static final String PREFIX = "_local/";

    private LocalDocs() {}

    static ObjectNode get(DoctypeStore ds, String id) {
        byte[] stored = ds.local.get(id);
        if (stored == null) {
            throw MvDatabase.missing();
        }
        try {
            return (ObjectNode) Json.mapper().readTree(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a local document before it is written: its size, and numbers that JSON can carry. */
    static void checkSize(ObjectNode doc, int maxBytes) {
        if (Json.storedBytes(doc).length > maxBytes) {
            throw new CouchException(413, "document_too_large", PREFIX);
        }
    }

    /** Writer only. */
    static WriteResult put(DoctypeStore ds, String id, ObjectNode doc) {
        ds.create();
        int current = currentRev(ds, id);
        JsonNode given = doc.get("_rev");
        if (current > 0
                ? given == null || !given.asText().equals("0-" + current)
                : given != null
                        && !given.isNull()
                        && !given.asText().isEmpty()
                        && !given.asText().equals("0-0")) {
            throw new CouchException(409, "conflict", "Document update conflict.");
        }
        ObjectNode stored = doc.deepCopy();
        String rev = "0-" + (current + 1);
        stored.put("_id", PREFIX + id);
        stored.put("_rev", rev);
        ds.local.put(id, Json.bytes(stored));
        return WriteResult.ok(PREFIX + id, rev);
    }

    /** Writer only. */
    static WriteResult delete(DoctypeStore ds, String id, @Nullable String rev) {
        int current = currentRev(ds, id);
        if (current == 0) {
            throw MvDatabase.missing();
        }
        if (rev == null || !rev.equals("0-" + current)) {
            throw new CouchException(409, "conflict", "Document update conflict.");
        }
        ds.local.remove(id);
        return WriteResult.ok(PREFIX + id, "0-0");
    }

    /** Every local document, by id. */
    static List<ObjectNode> all(DoctypeStore ds) {
        List<ObjectNode> out = new ArrayList<>();
        for (String id : ds.local.keySet()) {
            out.add(get(ds, id));
        }
        return out;
    }

    /** Writer only: stores the document with the revision it has ({@code 0-N}). */
    static WriteResult restore(DoctypeStore ds, String id, ObjectNode doc) {
        String rev = doc.path("_rev").asText("");
        if (!rev.matches("0-[1-9][0-9]{0,8}")) {
            throw new CouchException(400, "bad_request", "Invalid rev format");
        }
        ds.create();
        ObjectNode stored = doc.deepCopy();
        stored.put("_id", PREFIX + id);
        ds.local.put(id, Json.bytes(stored));
        return WriteResult.ok(PREFIX + id, rev);
    }

    private static int currentRev(DoctypeStore ds, String id) {
        byte[] stored = ds.local.get(id);
        if (stored == null) {
            return 0;
        }
        String rev = get(ds, id).path("_rev").asText("0-0");
        return Integer.parseInt(rev.substring(rev.indexOf('-') + 1));
    }
}
