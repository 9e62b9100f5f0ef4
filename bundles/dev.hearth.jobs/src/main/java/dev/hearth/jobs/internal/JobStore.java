package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.jobs.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Jobs and triggers as documents of the instance's store. Every write goes through the
 * datasystem, so it is durable when it returns and publishes its realtime event.
 */
final class JobStore {
    static final String JOB_NOT_FOUND = "Job not found";
    static final String TRIGGER_NOT_FOUND = "Trigger not found";
    private static final int UPDATE_TRIES = 8;

    private final DataService data;

    JobStore(DataService data) {
        this.data = data;
    }

    Database db(String domain, String doctype) {
        return data.database(domain, doctype);
    }

    /** Creates a document (with its {@code _id}) and returns it with its {@code _rev}. */
    ObjectNode create(String domain, String doctype, ObjectNode doc) {
        Database db = db(domain, doctype);
        if (!db.exists()) {
            createDatabase(db, doctype);
        }
        return saved(doc, db.save(doc));
    }

    /**
     * Creates new documents (each with its {@code _id}) in one commit, all or none, and returns
     * them with their {@code _rev}.
     */
    List<ObjectNode> createAll(String domain, String doctype, List<ObjectNode> docs) {
        Database db = db(domain, doctype);
        if (!db.exists()) {
            createDatabase(db, doctype);
        }
        List<WriteResult> results = db.saveAll(docs);
        for (int i = 0; i < docs.size(); i++) {
            saved(docs.get(i), results.get(i));
        }
        return docs;
    }

    private static void createDatabase(Database db, String doctype) {
        db.create();
        String field = Doctypes.JOBS.equals(doctype) ? "state" : "type";
        ObjectNode index = Json.mapper().createObjectNode();
        index.putObject("index").putArray("fields").add(field);
        db.createIndex(index);
        if (Doctypes.JOBS.equals(doctype)) {
            ObjectNode byTrigger = Json.mapper().createObjectNode();
            byTrigger.putObject("index").putArray("fields").add("trigger_id");
            db.createIndex(byTrigger);
        }
    }

    private static ObjectNode saved(ObjectNode doc, WriteResult result) {
        if (!result.isOk()) {
            throw new CouchException(409, result.error(), String.valueOf(result.reason()));
        }
        doc.put("_rev", result.rev());
        return doc;
    }

    /** The document, or null when it does not exist (or was deleted). */
    @Nullable
    ObjectNode find(String domain, String doctype, String id) {
        Database db = db(domain, doctype);
        if (!db.exists()) {
            return null;
        }
        try {
            return Documents.json(db.get(id, null, false));
        } catch (CouchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    ObjectNode get(String domain, String doctype, String id) {
        ObjectNode doc = find(domain, doctype, id);
        if (doc == null) {
            throw ApiException.notFound(Doctypes.JOBS.equals(doctype) ? JOB_NOT_FOUND : TRIGGER_NOT_FOUND);
        }
        return doc;
    }

    /**
     * Applies {@code change} to the current document and saves it, again on a conflict; null
     * when the document is gone or {@code change} returns null (nothing to write).
     */
    @Nullable
    ObjectNode update(String domain, String doctype, String id, UnaryOperator<@Nullable ObjectNode> change) {
        Database db = db(domain, doctype);
        for (int i = 0; i < UPDATE_TRIES; i++) {
            ObjectNode current = find(domain, doctype, id);
            ObjectNode next = current == null ? null : change.apply(current);
            if (next == null) {
                return null;
            }
            ObjectNode saved = trySave(db, next);
            if (saved != null) {
                return saved;
            }
        }
        throw ApiException.conflict("The document " + id + " kept changing");
    }

    /**
     * As {@link #update}, starting from {@code known}, the document as this process last wrote it:
     * no read unless it changed since (a conflict), then as {@link #update}. {@code known} itself is
     * left as it is.
     */
    @Nullable
    ObjectNode updateFrom(String domain, String doctype, ObjectNode known, UnaryOperator<@Nullable ObjectNode> change) {
        ObjectNode next = change.apply(known.deepCopy());
        if (next == null) {
            return null;
        }
        ObjectNode saved = trySave(db(domain, doctype), next);
        return saved != null ? saved : update(domain, doctype, known.path("_id").asText(), change);
    }

    /**
     * Saves documents of one doctype in one commit, all or none; false on a conflict on any of
     * them (nothing written then). On success every document has its new {@code _rev}.
     */
    boolean saveAll(String domain, String doctype, List<ObjectNode> docs) {
        List<WriteResult> results;
        try {
            results = db(domain, doctype).saveAll(docs);
        } catch (CouchException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
        for (int i = 0; i < docs.size(); i++) {
            docs.get(i).put("_rev", results.get(i).rev());
        }
        return true;
    }

    /**
     * Saves a document over the revision it carries, or a deletion when it is a tombstone; false
     * when another write came first (nothing written then).
     */
    boolean saveIfCurrent(String domain, String doctype, ObjectNode doc) {
        return trySave(db(domain, doctype), doc) != null;
    }

    /** Saves a document with its {@code _rev}; null on a conflict (the datasystem throws a 409). */
    private static @Nullable ObjectNode trySave(Database db, ObjectNode doc) {
        WriteResult result;
        try {
            result = db.save(doc);
        } catch (CouchException e) {
            if (e.status() == 409) {
                return null;
            }
            throw e;
        }
        if (result.isOk()) {
            doc.put("_rev", result.rev());
            return doc;
        }
        if ("conflict".equals(result.error())) {
            return null;
        }
        throw new CouchException(400, String.valueOf(result.error()), String.valueOf(result.reason()));
    }

    /** Deletes a document; false when it was not there. */
    boolean delete(String domain, String doctype, String id) {
        return update(domain, doctype, id, doc -> {
                    ObjectNode tomb = Json.mapper().createObjectNode();
                    tomb.put("_id", id).put("_rev", doc.path("_rev").asText()).put("_deleted", true);
                    return tomb;
                })
                != null;
    }

    /** Documents matching a Mango selector, in the order of {@code sort} when given. */
    List<ObjectNode> query(String domain, String doctype, ObjectNode selector, int limit) {
        Database db = db(domain, doctype);
        if (!db.exists()) {
            return List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        String bookmark = null;
        while (out.size() < limit) {
            ObjectNode request = Json.mapper().createObjectNode();
            request.set("selector", selector);
            request.put("limit", Math.min(1000, limit - out.size()));
            if (bookmark != null) {
                request.put("bookmark", bookmark);
            }
            var page = db.find(request);
            out.addAll(page.docs());
            if (page.docs().isEmpty()
                    || page.docs().size()
                            < Math.min(1000, limit - out.size() + page.docs().size())) {
                break;
            }
            bookmark = page.bookmark();
        }
        return out;
    }

    /** Every trigger of the instance. */
    List<ObjectNode> allTriggers(String domain) {
        ObjectNode selector = Json.mapper().createObjectNode();
        selector.putObject("_id").putNull("$gt");
        return query(domain, Doctypes.TRIGGERS, selector, Integer.MAX_VALUE).stream()
                .filter(d -> !d.path("_id").asText().startsWith("_design/"))
                .toList();
    }

    /** Jobs from their documents, design documents left out, by queue time, at most {@code limit}. */
    static List<Job> jobs(List<ObjectNode> docs, boolean newestFirst, int limit) {
        Comparator<ObjectNode> byQueued =
                Comparator.comparing(d -> d.path("queued_at").asText());
        return docs.stream()
                .filter(d -> !d.path("_id").asText().startsWith("_design/"))
                .sorted(newestFirst ? byQueued.reversed() : byQueued)
                .limit(limit)
                .map(Job::new)
                .toList();
    }

    /** Whether the instance has a database of this doctype (cheap: no store is read). */
    boolean hasDatabase(String domain, String doctype) {
        return data.doctypes(domain).contains(doctype);
    }
}
