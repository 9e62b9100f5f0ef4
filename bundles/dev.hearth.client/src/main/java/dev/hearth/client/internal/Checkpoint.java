package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Replication checkpoints, as CouchDB's replicator writes them in a {@code _local} document on
 * both sides: the session that wrote it, the source's sequence it reached, and the history of
 * earlier sessions with the sequence each recorded. A run may start from a sequence only when
 * both sides recorded it, so a side that lost its checkpoint (or was restored from a backup)
 * makes the run start earlier, never later.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /**
     * Where to start reading the source: its sequence when both checkpoints are of the same
     * session; else the sequence of the latest session both histories hold; else 0.
     */
    public static JsonNode startSeq(@Nullable JsonNode source, @Nullable JsonNode target) {
        if (source == null || target == null) {
            return IntNode.valueOf(0);
        }
        String session = source.path("session_id").asText("");
        if (!session.isEmpty() && session.equals(target.path("session_id").asText())) {
            return source.path("source_last_seq");
        }
        Map<String, JsonNode> targetSessions = new HashMap<>();
        for (JsonNode entry : target.path("history")) {
            targetSessions.put(entry.path("session_id").asText(), entry.path("recorded_seq"));
        }
        for (JsonNode entry : source.path("history")) {
            if (targetSessions.containsKey(entry.path("session_id").asText())) {
                return entry.path("recorded_seq");
            }
        }
        return IntNode.valueOf(0);
    }

    /** The checkpoint after a batch of a session: the sequence reached, this session first in the history. */
    public static ObjectNode next(@Nullable ObjectNode previous, String session, JsonNode seq, int historyLength) {
        ObjectNode doc = Json.object().put("session_id", session).put("replication_id_version", 3);
        doc.set("source_last_seq", seq);
        ArrayNode history = doc.putArray("history");
        ObjectNode current = history.addObject().put("session_id", session);
        current.set("recorded_seq", seq);
        current.put("end_time", Instant.now().toString());
        if (previous != null) {
            for (JsonNode entry : previous.path("history")) {
                if (history.size() >= historyLength) {
                    break;
                }
                if (!entry.path("session_id").asText().equals(session)) {
                    history.add(entry);
                }
            }
        }
        return doc;
    }
}
