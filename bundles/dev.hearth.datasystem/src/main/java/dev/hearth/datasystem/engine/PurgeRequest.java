package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A checked {@code _purge} request: the leaf revisions to remove, by document id.
 *
 * @param revs the revisions of each document, in the request's order
 */
public record PurgeRequest(Map<String, List<Revs.Rev>> revs) {
    /** CouchDB's limits on one request ({@code max_document_id_number}, {@code max_revisions_number}). */
    public static final int MAX_DOCUMENTS = 100;

    public static final int MAX_REVISIONS = 1000;

    /**
     * Reads {@code {"id": ["rev", ...], ...}}, checking every revision before anything is written.
     *
     * @throws CouchException 400 {@code bad_request}
     */
    public static PurgeRequest parse(@Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new CouchException(400, "bad_request", "Request body must be a JSON object");
        }
        if (body.size() > MAX_DOCUMENTS) {
            throw new CouchException(400, "bad_request", "Exceeded maximum number of documents.");
        }
        Map<String, List<Revs.Rev>> revs = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getValue().isArray()) {
                throw new CouchException(400, "bad_request", "Revisions of " + e.getKey() + " must be a list");
            }
            List<Revs.Rev> list = new ArrayList<>();
            for (JsonNode rev : e.getValue()) {
                if (!rev.isTextual()) {
                    throw new CouchException(400, "bad_request", "Invalid rev format");
                }
                list.add(Revs.parse(rev.asText()));
            }
            total += list.size();
            revs.put(e.getKey(), list);
        }
        if (total > MAX_REVISIONS) {
            throw new CouchException(400, "bad_request", "Exceeded maximum number of revisions.");
        }
        return new PurgeRequest(revs);
    }
}
