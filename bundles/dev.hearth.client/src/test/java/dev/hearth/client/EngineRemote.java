package dev.hearth.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import dev.hearth.client.internal.Replicator;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The replication routes of {@code /data}, answered by the server's real document engine in
 * process: what a replication sends over HTTP, without HTTP. It can be cut, as a network
 * link can, and counts the requests of each kind.
 */
final class EngineRemote implements Replicator.Remote {
    private final Function<String, Database> databases;
    final AtomicBoolean cut = new AtomicBoolean();
    final Map<String, AtomicInteger> calls = new HashMap<>();

    EngineRemote(Function<String, Database> databases) {
        this.databases = databases;
    }

    int calls(String route) {
        return calls.getOrDefault(route, new AtomicInteger()).get();
    }

    @Override
    public JsonNode send(String method, String path, @Nullable JsonNode body) {
        if (cut.get()) {
            throw new ClientException(0, "network", "Connection refused");
        }
        String[] pathAndQuery = path.split("\\?", 2);
        String[] parts = pathAndQuery[0].split("/", 4);
        Database db = databases.apply(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        String route = parts.length > 2 ? parts[2] : "";
        calls.computeIfAbsent(route.isEmpty() ? method : route, r -> new AtomicInteger())
                .incrementAndGet();
        Map<String, String> query = query(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        try {
            return switch (route) {
                case "" -> {
                    db.create();
                    yield Json.object().put("ok", true);
                }
                case "_changes" -> written(out -> db.changes(changes(query), out), db);
                case "_revs_diff" -> written(out -> db.revsDiff(body, out), db);
                case "_bulk_get" -> written(out -> db.bulkGet(body, "true".equals(query.get("revs")), out), db);
                case "_bulk_docs" -> {
                    var rows = Json.array();
                    for (WriteResult r : db.bulkDocs(body)) {
                        rows.addObject()
                                .put("id", r.id())
                                .put("error", r.error())
                                .put("reason", r.reason());
                    }
                    yield rows;
                }
                case "_local" -> local(db, method, parts[3], body);
                default -> throw new IllegalArgumentException("Not a replication route: " + path);
            };
        } catch (CouchException e) {
            throw ClientException.of(e.status(), e.error(), e.reason());
        }
    }

    private static JsonNode local(Database db, String method, String id, @Nullable JsonNode body) {
        if (method.equals("GET")) {
            return db.getLocal(id);
        }
        WriteResult r = db.putLocal(id, (ObjectNode) body.deepCopy());
        return Json.object().put("ok", true).put("id", r.id()).put("rev", r.rev());
    }

    private static ChangesQuery changes(Map<String, String> q) {
        return new ChangesQuery(
                q.get("since"),
                false,
                Long.parseLong(q.getOrDefault("limit", "0")),
                "all_docs".equals(q.get("style")),
                "true".equals(q.get("include_docs")),
                false,
                null,
                null,
                false);
    }

    private interface Writer {
        void write(JsonGenerator out) throws IOException;
    }

    private static JsonNode written(Writer writer, Database db) {
        if (!db.exists()) {
            throw ClientException.of(404, "not_found", "Database does not exist.");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = dev.hearth.common.json.Json.mapper().createGenerator(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parse(bytes.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String text) {
        Map<String, String> out = new HashMap<>();
        for (String pair : text.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }
}
