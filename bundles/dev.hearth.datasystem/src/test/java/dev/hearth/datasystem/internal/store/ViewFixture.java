package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.engine.TestSandbox;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A store with a real JavaScript sandbox, and helpers to write documents and query views. */
final class ViewFixture implements AutoCloseable {
    final TestDb test;
    final MvDatabase db;

    ViewFixture(Path dir) {
        test = new TestDb(dir);
        db = new MvDatabase(test.store, "io.cozy.things", 1_000_000, (d, t, c) -> {}, () -> TestSandbox.SANDBOX);
    }

    /** Saves documents given as JSON objects (with {@code _id}). */
    void put(String... docs) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (String doc : docs) {
            array.add(TestDb.json(doc));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("docs", array);
        db.bulkDocs(body).forEach(r -> {
            if (!r.isOk()) {
                throw new AssertionError(r.id() + ": " + r.error() + " " + r.reason());
            }
        });
    }

    void designDoc(String id, String views) {
        ObjectNode doc = TestDb.json("{\"views\":" + views + "}");
        doc.put("_id", "_design/" + id);
        try {
            doc.put("_rev", db.get("_design/" + id, null, false).rev());
        } catch (RuntimeException e) {
            // a new design document
        }
        db.save(doc);
    }

    /** Queries with parameters given as name, value pairs (values as in a query string). */
    JsonNode query(String ddoc, String view, String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        ViewQuery q = ViewQueries.parse(map::get, null);
        return TestDb.render(out -> db.view(ddoc, view, q, out));
    }

    /** The rows' keys as JSON text, joined by spaces. */
    static String keys(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows").forEach(r -> b.append(b.isEmpty() ? "" : " ").append(r.path("key")));
        return b.toString();
    }

    static String ids(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        answer.path("rows")
                .forEach(r ->
                        b.append(b.isEmpty() ? "" : " ").append(r.path("id").asText()));
        return b.toString();
    }

    @Override
    public void close() {
        test.close();
    }
}
