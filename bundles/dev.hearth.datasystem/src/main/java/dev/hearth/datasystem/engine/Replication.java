package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The reads of the replication protocol: {@code open_revs}, {@code _revs_diff}, {@code _bulk_get}. */
public final class Replication {
    /** The revision trees of a database's documents, as an engine reads them. */
    @FunctionalInterface
    public interface Records {
        /** The document's tree, or null when it does not exist. */
        @Nullable
        DocRecord record(String id);
    }

    private Replication() {}

    public static void openRevs(
            Records ds, String id, @Nullable List<String> revs, boolean latest, boolean revisions, JsonGenerator out)
            throws IOException {
        DocRecord record = ds.record(id);
        out.writeStartArray();
        if (record == null) {
            if (revs != null) {
                for (String rev : revs) {
                    writeMissing(out, rev);
                }
            }
            out.writeEndArray();
            return;
        }
        List<Integer> wanted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (revs == null) {
            wanted.addAll(record.leaves());
        } else {
            for (String rev : revs) {
                Revs.Rev parsed = Revs.parse(rev);
                int index = record.find(parsed.pos(), parsed.hash());
                if (index >= 0 && latest && !record.isLeaf(index)) {
                    wanted.addAll(leavesUnder(record, index));
                } else if (index >= 0 && record.body(index) != null) {
                    wanted.add(index);
                } else {
                    missing.add(rev);
                }
            }
        }
        for (int index : wanted.stream().distinct().toList()) {
            out.writeStartObject();
            out.writeFieldName("ok");
            Documents.write(out, revision(record, index), revisions, false, null);
            out.writeEndObject();
        }
        for (String rev : missing) {
            writeMissing(out, rev);
        }
        out.writeEndArray();
    }

    private static void writeMissing(JsonGenerator out, String rev) throws IOException {
        out.writeStartObject();
        out.writeStringField("missing", rev);
        out.writeEndObject();
    }

    private static List<Integer> leavesUnder(DocRecord record, int ancestor) {
        List<Integer> out = new ArrayList<>();
        for (int leaf : record.leaves()) {
            for (int i = leaf; i >= 0; i = record.nodes.get(i).parent) {
                if (i == ancestor) {
                    out.add(leaf);
                    break;
                }
            }
        }
        return out;
    }

    public static Revision revision(DocRecord record, int index) {
        RevNode n = record.nodes.get(index);
        return new Revision(
                record.id,
                n.rev(),
                n.deleted,
                n.body == null ? new byte[] {'{', '}'} : n.body,
                record.ancestry(index),
                record.conflicts());
    }

    public static void revsDiff(Records ds, JsonNode body, JsonGenerator out) throws IOException {
        if (!body.isObject()) {
            throw DocInput.badRequest("Request body must be a JSON object");
        }
        for (Iterator<String> ids = body.fieldNames(); ids.hasNext(); ) {
            checkText(ids.next());
        }
        out.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw DocInput.badRequest("Revisions of " + e.getKey() + " must be a list");
            }
            DocRecord record = ds.record(e.getKey());
            List<String> missing = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                Revs.Rev rev = Revs.parse(r.asText());
                if (record == null || record.find(rev.pos(), rev.hash()) < 0) {
                    missing.add(rev.toString());
                }
            }
            if (!missing.isEmpty()) {
                out.writeObjectFieldStart(e.getKey());
                out.writeArrayFieldStart("missing");
                for (String m : missing) {
                    out.writeString(m);
                }
                out.writeEndArray();
                out.writeEndObject();
            }
        }
        out.writeEndObject();
    }

    public static void bulkGet(Records ds, JsonNode body, boolean revisions, JsonGenerator out) throws IOException {
        if (!body.path("docs").isArray()) {
            throw DocInput.badRequest("Missing JSON list of 'docs'.");
        }
        for (JsonNode ref : body.path("docs")) {
            checkText(ref.path("id").asText(""));
            checkText(ref.path("rev").asText(""));
        }
        out.writeStartObject();
        out.writeArrayFieldStart("results");
        for (JsonNode ref : body.path("docs")) {
            String id = ref.path("id").asText(null);
            String rev = ref.path("rev").asText(null);
            out.writeStartObject();
            out.writeStringField("id", id);
            out.writeArrayFieldStart("docs");
            writeBulkGetDoc(ds, id, rev, revisions, out);
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /**
     * Refuses, before anything is answered, an id that is no text (a lone surrogate, which a JSON
     * escape can make): no document has it, and echoing it would answer JSON that strict parsers
     * refuse. CouchDB answers so a body it cannot decode.
     */
    private static void checkText(String id) {
        if (!DocIds.isUnicode(id)) {
            throw new CouchException(400, "bad_request", "invalid UTF-8 JSON");
        }
    }

    private static void writeBulkGetDoc(
            Records ds, @Nullable String id, @Nullable String rev, boolean revisions, JsonGenerator out)
            throws IOException {
        out.writeStartObject();
        DocRecord record = id == null ? null : ds.record(id);
        int index = -1;
        if (record != null) {
            try {
                index = rev == null ? record.winner() : findWithBody(record, rev);
            } catch (CouchException e) {
                index = -1;
            }
        }
        if (index < 0) {
            out.writeObjectFieldStart("error");
            out.writeStringField("id", id);
            out.writeStringField("rev", rev == null ? "undefined" : rev);
            out.writeStringField("error", "not_found");
            out.writeStringField("reason", "missing");
            out.writeEndObject();
        } else {
            out.writeFieldName("ok");
            Documents.write(out, revision(record, index), revisions, false, null);
        }
        out.writeEndObject();
    }

    private static int findWithBody(DocRecord record, String rev) {
        Revs.Rev parsed = Revs.parse(rev);
        int index = record.find(parsed.pos(), parsed.hash());
        return index >= 0 && record.body(index) != null ? index : -1;
    }
}
