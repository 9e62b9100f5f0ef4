package dev.hearth.datasystem.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.DocumentRules;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.WriteResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database whose document writes are first checked against the {@link DocumentRules} that
 * govern its doctype on its instance: a refused document is never written. Reads and every other
 * operation go straight to the store.
 *
 * <p>A {@code _bulk_docs} body is streamed to the store as before when no rule governs the
 * doctype; when one does, it is read whole (the HTTP layer bounds its size), the refused documents
 * get their {@code forbidden} result and the others are written as one request, so each document
 * still succeeds or fails on its own.
 */
final class RuledDatabase implements Database {
    /** How many violations a refusal names at most. */
    private static final int MAX_NAMED = 10;

    private final Database store;
    private final String domain;
    private final List<DocumentRules> rules;

    RuledDatabase(Database store, String domain, List<DocumentRules> rules) {
        this.store = store;
        this.domain = domain;
        this.rules = List.copyOf(rules);
    }

    @Override
    public WriteResult save(ObjectNode doc) {
        check(governing(), doc);
        return store.save(doc);
    }

    @Override
    public List<WriteResult> saveAll(List<ObjectNode> docs) {
        List<DocumentRules> governing = governing();
        docs.forEach(doc -> check(governing, doc));
        return store.saveAll(docs);
    }

    @Override
    public List<WriteResult> bulkDocs(JsonNode body) {
        List<DocumentRules> governing = governing();
        if (governing.isEmpty()) {
            return store.bulkDocs(body);
        }
        JsonNode docs = body.path("docs");
        JsonNode newEdits = body.path("new_edits");
        if (!docs.isArray() || !(newEdits.isMissingNode() || newEdits.isBoolean())) {
            return store.bulkDocs(body); // refused as a whole, as the store says
        }
        List<@Nullable WriteResult> refused = new ArrayList<>();
        ArrayNode accepted = Json.mapper().createArrayNode();
        for (JsonNode doc : docs) {
            String reason = refusal(governing, doc);
            refused.add(
                    reason == null ? null : WriteResult.failed(doc.path("_id").asText(""), "forbidden", reason));
            if (reason == null) {
                accepted.add(doc);
            }
        }
        ObjectNode rest = ((ObjectNode) body).deepCopy();
        rest.set("docs", accepted);
        List<WriteResult> written = store.bulkDocs(rest);
        return newEdits.asBoolean(true) ? interleave(refused, written) : failures(refused, written);
    }

    @Override
    public List<WriteResult> bulkDocs(JsonParser body) throws IOException {
        if (governing().isEmpty()) {
            return store.bulkDocs(body);
        }
        JsonNode tree;
        try {
            tree = body.readValueAsTree();
            if (tree == null || body.nextToken() != null) {
                throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
            }
        } catch (JsonProcessingException e) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
        return bulkDocs(tree);
    }

    /** With new edits, one result per document in the body's order: the refusals in their places. */
    private static List<WriteResult> interleave(List<@Nullable WriteResult> refused, List<WriteResult> written) {
        List<WriteResult> out = new ArrayList<>(refused.size());
        int next = 0;
        for (WriteResult r : refused) {
            out.add(r != null ? r : written.get(next++));
        }
        return out;
    }

    /** Replicated revisions report only their failures: the store's, then the refusals. */
    private static List<WriteResult> failures(List<@Nullable WriteResult> refused, List<WriteResult> written) {
        List<WriteResult> out = new ArrayList<>(written);
        refused.stream().filter(r -> r != null).forEach(out::add);
        return out;
    }

    /** The rules that apply to this doctype on this instance, asked once per write operation. */
    private List<DocumentRules> governing() {
        List<DocumentRules> out = new ArrayList<>(rules.size());
        for (DocumentRules r : rules) {
            if (r.governs(domain, store.doctype())) {
                out.add(r);
            }
        }
        return out;
    }

    /** @throws CouchException 403 {@code forbidden} naming the violations */
    private void check(List<DocumentRules> governing, ObjectNode doc) {
        String reason = refusal(governing, doc);
        if (reason != null) {
            throw new CouchException(403, "forbidden", reason);
        }
    }

    /** Why the document may not be written, or null when it may (or is not checked at all). */
    private @Nullable String refusal(List<DocumentRules> governing, JsonNode doc) {
        if (governing.isEmpty() || !(doc instanceof ObjectNode object) || !checked(object)) {
            return null;
        }
        List<String> violations = new ArrayList<>();
        for (DocumentRules r : governing) {
            violations.addAll(r.violations(domain, store.doctype(), object));
        }
        if (violations.isEmpty()) {
            return null;
        }
        List<String> named = violations.size() > MAX_NAMED ? violations.subList(0, MAX_NAMED) : violations;
        return "Document does not match the rules of " + store.doctype() + ": " + String.join("; ", named)
                + (violations.size() > MAX_NAMED ? "; and " + (violations.size() - MAX_NAMED) + " more" : "");
    }

    /** Deletions, design documents and local documents are not checked. */
    private static boolean checked(ObjectNode doc) {
        String id = doc.path("_id").asText("");
        return !doc.path("_deleted").asBoolean(false) && !id.startsWith("_design/") && !id.startsWith("_local/");
    }

    @Override
    public String doctype() {
        return store.doctype();
    }

    @Override
    public boolean exists() {
        return store.exists();
    }

    @Override
    public boolean create() {
        return store.create();
    }

    @Override
    public void drop() {
        store.drop();
    }

    @Override
    public long normalDocCount() {
        return store.normalDocCount();
    }

    @Override
    public void writeInfo(JsonGenerator out) throws IOException {
        store.writeInfo(out);
    }

    @Override
    public Revision get(String id, @Nullable String rev, boolean revisions) {
        return store.get(id, rev, revisions);
    }

    @Override
    public void writeOpenRevs(
            String id, @Nullable List<String> revs, boolean latest, boolean revisions, JsonGenerator out)
            throws IOException {
        store.writeOpenRevs(id, revs, latest, revisions, out);
    }

    @Override
    public void changes(ChangesQuery query, JsonGenerator out) throws IOException {
        store.changes(query, out);
    }

    @Override
    public void allDocs(AllDocsQuery query, JsonGenerator out) throws IOException {
        store.allDocs(query, out);
    }

    @Override
    public FindResult find(ObjectNode request) {
        return store.find(request);
    }

    @Override
    public List<ObjectNode> withIdPrefix(String prefix, int limit) {
        return store.withIdPrefix(prefix, limit);
    }

    @Override
    public long count(ObjectNode selector, @Nullable String useIndex) {
        return store.count(selector, useIndex);
    }

    @Override
    public ObjectNode createIndex(ObjectNode definition) {
        return store.createIndex(definition);
    }

    @Override
    public void view(String ddoc, String view, ViewQuery query, JsonGenerator out) throws IOException {
        store.view(ddoc, view, query, out);
    }

    @Override
    public void designDocs(boolean includeDocs, JsonGenerator out) throws IOException {
        store.designDocs(includeDocs, out);
    }

    @Override
    public ObjectNode copyDesignDoc(String id, String rev, String destination) {
        return store.copyDesignDoc(id, rev, destination);
    }

    @Override
    public void revsDiff(JsonNode body, JsonGenerator out) throws IOException {
        store.revsDiff(body, out);
    }

    @Override
    public void bulkGet(JsonNode body, boolean revisions, JsonGenerator out) throws IOException {
        store.bulkGet(body, revisions, out);
    }

    @Override
    public ObjectNode getLocal(String id) {
        return store.getLocal(id);
    }

    @Override
    public WriteResult putLocal(String id, ObjectNode doc) {
        return store.putLocal(id, doc);
    }

    @Override
    public WriteResult deleteLocal(String id, @Nullable String rev) {
        return store.deleteLocal(id, rev);
    }

    @Override
    public ObjectNode purge(JsonNode body) {
        return store.purge(body);
    }

    @Override
    public JsonFindResult findJson(ObjectNode request) {
        return store.findJson(request);
    }

    @Override
    public List<ObjectNode> localDocs() {
        return store.localDocs();
    }

    @Override
    public WriteResult restoreLocal(ObjectNode doc) {
        return store.restoreLocal(doc);
    }

    @Override
    public void advanceSequence(long seq) {
        store.advanceSequence(seq);
    }
}
