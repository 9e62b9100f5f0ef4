package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.files.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an import has written so far, and how to take it back: the databases it created are
 * dropped, the documents it added to databases that were there are deleted (every live leaf),
 * the local documents and blobs it wrote are removed.
 */
final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final String domain;
    /** The databases that existed before, with the ids they held. */
    private final Map<String, Set<String>> before;

    private final Map<String, Set<String>> added = new HashMap<>();
    private final List<String[]> locals = new ArrayList<>();
    private final List<String> blobKeys = new ArrayList<>();

    private Journal(String domain, Map<String, Set<String>> before) {
        this.domain = domain;
        this.before = before;
    }

    /** Notes the databases of the instance and their ids before anything is written. */
    static Journal begin(DataService data, String domain) throws IOException {
        Map<String, Set<String>> before = new HashMap<>();
        for (String doctype : data.doctypes(domain)) {
            Database db = data.database(domain, doctype);
            Set<String> ids = new HashSet<>();
            String since = null;
            while (true) {
                Leaves.Page page = Leaves.page(db, since);
                if (page.ids().isEmpty()) {
                    break;
                }
                ids.addAll(page.ids());
                since = page.lastSeq();
            }
            before.put(doctype, ids);
        }
        return new Journal(domain, before);
    }

    /** Whether the document was in the instance before the import. */
    boolean existed(String doctype, String id) {
        Set<String> ids = before.get(doctype);
        return ids != null && ids.contains(id);
    }

    void wrote(String doctype, String id) {
        if (before.containsKey(doctype)) {
            added.computeIfAbsent(doctype, k -> new HashSet<>()).add(id);
        }
    }

    void wroteLocal(String doctype, String id) {
        locals.add(new String[] {doctype, id});
    }

    void wroteBlob(String key) {
        blobKeys.add(key);
    }

    /** Takes back everything written; each step goes on when another fails. */
    void undo(DataService data, BlobStore blobs) {
        for (String doctype : data.doctypes(domain)) {
            if (!before.containsKey(doctype)) {
                attempt("drop " + doctype, () -> data.database(domain, doctype).drop());
            }
        }
        added.forEach((doctype, ids) -> {
            Database db = data.database(domain, doctype);
            for (String id : ids) {
                attempt("delete " + id, () -> deleteLeaves(db, id));
            }
        });
        for (String[] local : locals) {
            if (before.containsKey(local[0])) {
                attempt("delete _local/" + local[1], () -> {
                    Database db = data.database(domain, local[0]);
                    ObjectNode doc = db.getLocal(local[1]);
                    db.deleteLocal(local[1], doc.path("_rev").asText());
                });
            }
        }
        for (String key : blobKeys) {
            attempt("delete blob " + key, () -> blobs.delete(domain, key));
        }
    }

    private static void deleteLeaves(Database db, String id) throws IOException {
        for (ObjectNode leaf : Leaves.of(db, id)) {
            if (!leaf.path("_deleted").asBoolean(false)) {
                ObjectNode tombstone = Json.mapper().createObjectNode();
                tombstone.put("_id", id).put("_rev", leaf.path("_rev").asText()).put("_deleted", true);
                db.save(tombstone);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void attempt(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Undoing the import into '{}': cannot {}: {}", domain, what, e.toString());
        }
    }
}
