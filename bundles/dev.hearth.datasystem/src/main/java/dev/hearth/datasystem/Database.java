package dev.hearth.datasystem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One doctype's database of one instance, with CouchDB semantics and wire formats. Methods that
 * answer large results stream them, as CouchDB's JSON, to a generator.
 *
 * <p>Errors are {@link dev.hearth.common.error.CouchException}s with CouchDB's names and reasons
 * ({@code not_found}/{@code missing}, {@code conflict}/{@code Document update conflict.},
 * {@code bad_request}, {@code no_usable_index}, ...). A document that the {@link DocumentRules}
 * of its doctype refuse is not written: 403 {@code forbidden} with the violations as reason, or
 * that result for that document alone in a bulk write.
 */
@ProviderType
public interface Database {

    String doctype();

    boolean exists();

    /** Creates the database; false when it already existed. */
    boolean create();

    /** Deletes the database and every document in it. */
    void drop();

    /** The number of live documents that are not design documents. */
    long normalDocCount();

    /** Writes CouchDB's database information object. */
    void writeInfo(JsonGenerator out) throws IOException;

    /**
     * The winning revision of a document, or the revision {@code rev}.
     *
     * @param revisions also read the revision ancestry and the conflicts
     * @throws dev.hearth.common.error.CouchException 404 {@code missing} or {@code deleted}
     */
    Revision get(String id, @Nullable String rev, boolean revisions);

    /** CouchDB's {@code open_revs} answer: {@code [{"ok":doc}|{"missing":rev}]}; null revs means all leaves. */
    void writeOpenRevs(String id, @Nullable List<String> revs, boolean latest, boolean revisions, JsonGenerator out)
            throws IOException;

    /**
     * Saves one document (a normal edit): with {@code _rev} an update, without a creation;
     * {@code _deleted} deletes. A missing {@code _id} gets a new one.
     */
    WriteResult save(ObjectNode doc);

    /**
     * Saves several documents (normal edits) in one commit, all or nothing: every revision is
     * checked before anything is written, so a conflict on one document writes none of them.
     * This is for domain services whose invariants span documents (a directory move rewrites the
     * paths of its subdirectories); the list should stay small enough for one commit.
     *
     * @throws dev.hearth.common.error.CouchException 409 {@code conflict} when any revision is stale
     */
    List<WriteResult> saveAll(List<ObjectNode> docs);

    /** CouchDB's {@code _bulk_docs}: per-document results; with {@code newEdits} false, only the failures. */
    List<WriteResult> bulkDocs(JsonNode body);

    /**
     * CouchDB's {@code _bulk_docs}, reading the body from a parser rather than a tree, so that a
     * large request never exists whole in memory: each document is reduced to its stored form as
     * it is read. The whole body is read and checked before anything is written (a malformed body
     * writes nothing), then the documents are written in batches; as in CouchDB, each document
     * succeeds or fails on its own.
     *
     * @param body a parser made by {@code Json.mapper().createParser(...)}, so that duplicate keys
     *     and numbers JSON cannot carry are refused; read up to its end, not closed
     * @throws dev.hearth.common.error.CouchException 400 when the body is not a JSON object with a
     *     {@code docs} array (or has trailing content)
     * @throws IOException when reading the body fails
     */
    List<WriteResult> bulkDocs(JsonParser body) throws IOException;

    /**
     * CouchDB's {@code _purge}: removes leaf revisions ({@code {"id": ["rev", ...]}}, at most 100
     * documents and 1,000 revisions) as if they had never been written; a document left without
     * revisions disappears from the database, its changes and its indexes. Unknown documents and
     * revisions that are not leaves are ignored. The update sequence moves on, so replicas go on
     * from their checkpoints; the purge is not replicated.
     *
     * @return {@code {"purge_seq": "N", "purged": {"id": ["rev", ...]}}}, the revisions removed
     * @throws dev.hearth.common.error.CouchException 400 {@code bad_request} for a malformed body,
     *     404 when the database does not exist
     * @since 1.6
     */
    ObjectNode purge(JsonNode body);

    /** CouchDB's {@code _changes} (normal feed). */
    void changes(ChangesQuery query, JsonGenerator out) throws IOException;

    /** CouchDB's {@code _all_docs}. */
    void allDocs(AllDocsQuery query, JsonGenerator out) throws IOException;

    /** Mango {@code _find}; {@code limit} is the one the caller wants. */
    FindResult find(ObjectNode request);

    /**
     * The live documents whose ids start with {@code prefix}, in id order, at most {@code limit}
     * (design documents only when the prefix names them), as {@link #find} would give them for a
     * selector on that {@code _id} range. For lookups by a key the ids carry (the old versions of
     * one file, say), which need neither a query plan nor an index. This default asks
     * {@link #find}; an engine that can seek its primary tree answers directly.
     *
     * @since 1.7
     */
    default List<ObjectNode> withIdPrefix(String prefix, int limit) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putObject("selector").putObject("_id").put("$gte", prefix).put("$lt", prefix + "\uDBFF\uDFFF");
        request.put("limit", limit);
        return find(request).docs().stream()
                .filter(d -> d.path("_id").asText().startsWith(prefix))
                .toList();
    }

    /**
     * Mango {@code _find} with the same answer as {@link #find}, each document as its JSON
     * text: copied from the stored body rather than built as a tree (the selector is checked
     * against the fields it reads only), for answers that are only written out.
     *
     * @since 1.6
     */
    JsonFindResult findJson(ObjectNode request);

    /**
     * How many documents {@code _find} would return for {@code selector} without a limit. A
     * selector of equalities on every field of an index without a partial filter, or on the
     * leading fields of the index named by {@code useIndex}, is counted from that index in
     * O(log n) (a named index holds only the documents that have all its fields); any other
     * selector is counted by paging.
     *
     * @param useIndex the design document of the index to count from (without {@code _design/}), or null
     * @since 1.5
     */
    long count(ObjectNode selector, @Nullable String useIndex);

    /** Mango {@code _index}: {@code {"result":"created"|"exists","id","name"}}. */
    ObjectNode createIndex(ObjectNode definition);

    /**
     * Queries a map-reduce view of a design document (CouchDB's {@code _view}): brings its index
     * up to date with the changes made since it was last updated (unless the query says not
     * to), then writes CouchDB's answer ({@code total_rows}, {@code offset}, {@code rows}, or the
     * reduced {@code rows}).
     *
     * @throws dev.hearth.common.error.CouchException 404 {@code not_found} ({@code missing},
     *     {@code missing_named_view}), 400 {@code query_parse_error}, and the errors of map and
     *     reduce functions
     */
    void view(String ddoc, String view, ViewQuery query, JsonGenerator out) throws IOException;

    /** CouchDB's {@code _design_docs}. */
    void designDocs(boolean includeDocs, JsonGenerator out) throws IOException;

    /** Copies a design document to a new id: {@code {"ok":true,"id","rev"}}. */
    ObjectNode copyDesignDoc(String id, String rev, String destination);

    /** CouchDB's {@code _revs_diff}. */
    void revsDiff(JsonNode body, JsonGenerator out) throws IOException;

    /** CouchDB's {@code _bulk_get}. */
    void bulkGet(JsonNode body, boolean revisions, JsonGenerator out) throws IOException;

    /** A local (non-replicated) document, such as a replication checkpoint. */
    ObjectNode getLocal(String id);

    /** Saves a local document; its {@code _rev} must match the stored one. */
    WriteResult putLocal(String id, ObjectNode doc);

    /** Deletes a local document. */
    WriteResult deleteLocal(String id, @Nullable String rev);

    /**
     * Every local document of the database, each with its {@code _id} ({@code _local/<id>}) and
     * {@code _rev}, by id; empty when the database does not exist.
     *
     * @since 1.6
     */
    List<ObjectNode> localDocs();

    /**
     * Writes a local document as it was read from {@link #localDocs} (of this or another instance),
     * keeping its {@code _rev}, whatever is stored under its id: the way an instance's archive
     * brings replication checkpoints back, so that replicas resume where they were.
     *
     * @since 1.6
     */
    WriteResult restoreLocal(ObjectNode doc);

    /**
     * Creates the database if needed and makes every later write take an update sequence above
     * {@code seq}: an import first puts each database past the sequence its source had, so that a
     * replica's checkpoint (a sequence of the source) never hides a change made after the move.
     *
     * @since 1.6
     */
    void advanceSequence(long seq);
}
