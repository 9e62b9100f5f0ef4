package dev.hearth.move.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a database as replication does: its document ids page by page from the changes feed,
 * and each document's leaf revisions with their ancestry ({@code _revisions}), tombstones too.
 */
final class Leaves {
    private static final int PAGE = 500;

    private Leaves() {}

    /**
     * One page of ids after {@code since}, and the sequence to go on from.
     *
     * @param simple the ids whose document has one leaf, live: its winner with its ancestry is all there is
     */
    record Page(List<String> ids, java.util.Set<String> simple, String lastSeq) {}

    static Page page(Database db, @Nullable String since) throws IOException {
        ChangesQuery q = new ChangesQuery(since, false, PAGE, true, false, false, null, null, false);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(buffer)) {
            db.changes(q, out);
        }
        JsonNode answer = Json.mapper().readTree(buffer.toByteArray());
        List<String> ids = new ArrayList<>();
        java.util.Set<String> simple = new java.util.HashSet<>();
        for (JsonNode r : answer.path("results")) {
            String id = r.path("id").asText();
            ids.add(id);
            if (r.path("changes").size() == 1 && !r.path("deleted").asBoolean(false)) {
                simple.add(id);
            }
        }
        return new Page(ids, simple, answer.path("last_seq").asText());
    }

    /** The winner of a document with one live leaf, with {@code _revisions}, as JSON bytes. */
    static byte[] single(Database db, String id) throws IOException {
        Revision r = db.get(id, null, true);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(r.body().length + 256);
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(buffer)) {
            Documents.write(out, r, true, false, null);
        }
        return buffer.toByteArray();
    }

    /** Every leaf of the document, the winner first (as CouchDB picks it), with {@code _revisions}. */
    static List<ObjectNode> of(Database db, String id) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(buffer)) {
            db.writeOpenRevs(id, null, false, true, out);
        }
        List<ObjectNode> leaves = new ArrayList<>();
        for (JsonNode r : Json.mapper().readTree(buffer.toByteArray())) {
            if (r.path("ok").isObject()) {
                ObjectNode doc = (ObjectNode) r.get("ok");
                doc.remove("_type");
                leaves.add(doc);
            }
        }
        leaves.sort(WINNER_FIRST);
        return leaves;
    }

    /** CouchDB's choice of the winner: a live leaf before a deleted one, then the longest, then the greatest hash. */
    static final Comparator<ObjectNode> WINNER_FIRST = Comparator.<ObjectNode>comparingInt(
                    d -> d.path("_deleted").asBoolean(false) ? 1 : 0)
            .thenComparing(d -> -pos(d))
            .thenComparing(d -> hash(d), Comparator.reverseOrder());

    static int pos(JsonNode doc) {
        String rev = doc.path("_rev").asText("0-");
        return Integer.parseInt(rev.substring(0, rev.indexOf('-')));
    }

    private static String hash(JsonNode doc) {
        String rev = doc.path("_rev").asText("0-");
        return rev.substring(rev.indexOf('-') + 1);
    }
}
