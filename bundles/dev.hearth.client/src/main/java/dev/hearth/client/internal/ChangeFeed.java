package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.ClientException;
import java.util.function.BiConsumer;

/**
 * Reads what changed in a doctype on the server since a sequence ({@code _changes} with the
 * documents), for a client that was not listening meanwhile: the realtime socket was down. A
 * document deleted meanwhile comes as a deletion, so that the store drops it.
 */
public final class ChangeFeed {
    static final int PAGE = 500;

    private final Replicator.Remote remote;

    public ChangeFeed(Replicator.Remote remote) {
        this.remote = remote;
    }

    private static String changes(String doctype) {
        return "data/" + Http.segment(doctype) + "/_changes";
    }

    /** The doctype's current sequence; "0" when it has no database yet. */
    public String now(String doctype) {
        try {
            return remote.send("GET", changes(doctype) + "?since=now", null)
                    .path("last_seq")
                    .asText("0");
        } catch (ClientException.NotFoundException e) {
            return "0";
        }
    }

    /**
     * Gives each document changed after {@code since} (its winning revision, or a deletion) to
     * {@code apply}, and answers the sequence reached.
     */
    public String since(String doctype, String since, BiConsumer<String, ObjectNode> apply) {
        String seq = since;
        while (true) {
            JsonNode page;
            try {
                page = remote.send(
                        "GET",
                        changes(doctype) + "?include_docs=true&limit=" + PAGE + "&since=" + Http.segment(seq),
                        null);
            } catch (ClientException.NotFoundException e) {
                return seq;
            }
            JsonNode results = page.path("results");
            for (JsonNode change : results) {
                ObjectNode doc = change.path("doc").isObject()
                        ? ((ObjectNode) change.path("doc")).deepCopy()
                        : Json.object()
                                .put("_id", change.path("id").asText())
                                .put(
                                        "_rev",
                                        change.path("changes")
                                                .path(0)
                                                .path("rev")
                                                .asText());
                if (change.path("deleted").asBoolean(false)) {
                    doc.put("_deleted", true);
                }
                if (!doc.path("_id").asText().startsWith("_design/")) {
                    apply.accept(doctype, doc);
                }
            }
            seq = page.path("last_seq").asText(seq);
            if (results.size() < PAGE) {
                return seq;
            }
        }
    }
}
