package dev.hearth.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import java.util.ArrayList;
import java.util.List;

/** Test documents. */
final class Docs {
    private Docs() {}

    static ObjectNode todo(String id, int priority, boolean done) {
        return Json.object()
                .put("_id", id)
                .put("label", "todo " + id)
                .put("priority", priority)
                .put("done", done);
    }

    /** todos t00..t(n-1), priority i % 5, done every third. */
    static List<ObjectNode> todos(int n) {
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(todo(String.format("t%02d", i), i % 5, i % 3 == 0));
        }
        return docs;
    }

    static List<String> ids(List<ObjectNode> docs) {
        return docs.stream().map(d -> d.path("_id").asText()).toList();
    }
}
