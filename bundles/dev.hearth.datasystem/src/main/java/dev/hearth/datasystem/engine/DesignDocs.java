package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.mango.MangoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks of a design document being saved, whatever the engine: its Mango indexes and its views. */
public final class DesignDocs {
    /** The built-in reduce functions. */
    public static final Set<String> REDUCE_BUILTINS = Set.of("_count", "_sum", "_stats");

    private DesignDocs() {}

    /**
     * The indexes a design document's body declares (none for a deleted one); a bad
     * declaration fails here, before anything is written.
     */
    public static List<IndexDef> indexes(String ddocId, byte @Nullable [] body) {
        try {
            return body == null ? List.of() : IndexDef.fromDesignDoc(ddocId, parse(body));
        } catch (MangoException | UncheckedIOException e) {
            throw new CouchException(400, "bad_request", "Invalid index in " + ddocId + ": " + e.getMessage());
        }
    }

    /**
     * Checks the views of a design document being saved, as CouchDB does: {@code views} is an
     * object of objects with a string {@code map}, and a {@code reduce} that is a string naming a
     * known built-in or a function.
     */
    public static void checkViews(String ddocId, byte @Nullable [] body) {
        if (body == null) {
            return;
        }
        JsonNode doc = parse(body);
        if ("query".equals(doc.path("language").asText()) || doc.path("views").isMissingNode()) {
            return;
        }
        if (!doc.path("views").isObject()) {
            throw invalid("`views` in " + ddocId + " must be an object");
        }
        for (Map.Entry<String, JsonNode> view : doc.path("views").properties()) {
            JsonNode v = view.getValue();
            if (!v.isObject() || !v.path("map").isTextual()) {
                throw invalid("View " + view.getKey() + " must have a `map` function as a string");
            }
            JsonNode reduce = v.path("reduce");
            if (!reduce.isMissingNode() && !reduce.isTextual()) {
                throw invalid("The `reduce` of view " + view.getKey() + " must be a string");
            }
            String r = reduce.asText().strip();
            if (r.startsWith("_") && !REDUCE_BUILTINS.contains(r)) {
                throw invalid("`" + r + "` is not a supported reduce function.");
            }
        }
    }

    /**
     * CouchDB's {@code COPY} of a design document, whatever the engine: the source revision's
     * body saved as a new document at the destination (a conflict when it exists).
     */
    public static ObjectNode copy(Database db, String id, String rev, String destination) {
        Revision source = db.get(id, rev, false);
        ObjectNode copy = Bodies.document(destination, "1-x", source.body());
        copy.remove("_rev");
        WriteResult saved = db.save(copy);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("ok", true);
        answer.put("id", saved.id());
        answer.put("rev", saved.rev());
        return answer;
    }

    private static CouchException invalid(String reason) {
        return new CouchException(400, "invalid_design_doc", reason);
    }

    /** The index signatures of every JavaScript view of the live design documents. */
    private static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
