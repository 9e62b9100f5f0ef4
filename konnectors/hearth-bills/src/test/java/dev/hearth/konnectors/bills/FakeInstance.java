package dev.hearth.konnectors.bills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of an instance's API the sample konnector calls ({@code /data} documents, Mango
 * equality selectors, {@code /files} stat and upload), kept in memory, for running the konnector
 * in the sandbox without a server. The server's own routes are checked by the end-to-end test.
 */
final class FakeInstance {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SOFT_DELETED = "io.cozy.accounts.soft_deleted";

    /** A stored file: its folder, name, bytes and {@code cozyMetadata}. */
    record StoredFile(String id, String dirId, String name, byte[] bytes, ObjectNode cozyMetadata) {}

    private final String token;
    private final Map<String, Map<String, ObjectNode>> docs = new ConcurrentHashMap<>();
    private final Map<String, String> folders = new ConcurrentHashMap<>(); // id -> path
    final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeInstance(String token) {
        this.token = token;
    }

    void folder(String id, String path) {
        folders.put(id, path);
    }

    void put(String doctype, String id, ObjectNode doc) {
        doc.put("_id", id).put("_rev", "1-" + id);
        docs.computeIfAbsent(doctype, k -> new ConcurrentHashMap<>()).put(id, doc);
    }

    void remove(String doctype, String id) {
        docs.getOrDefault(doctype, Map.of()).remove(id);
    }

    List<ObjectNode> all(String doctype) {
        return List.copyOf(docs.getOrDefault(doctype, Map.of()).values());
    }

    void handleData(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                return;
            }
            String[] p = ex.getRequestURI().getPath().split("/", -1); // "", data, doctype, rest
            String doctype = p[2];
            String rest = p.length > 3 ? p[3] : "";
            String method = ex.getRequestMethod();
            if (method.equals("POST") && rest.equals("_index")) {
                send(
                        ex,
                        200,
                        JSON.createObjectNode().put("id", "_design/by-vendor").put("result", "created"));
            } else if (method.equals("POST") && rest.equals("_find")) {
                find(ex, doctype);
            } else if (method.equals("POST") && rest.isEmpty()) {
                ObjectNode doc = (ObjectNode) JSON.readTree(ex.getRequestBody());
                String id = "doc" + ids.incrementAndGet();
                put(doctype, id, doc);
                send(
                        ex,
                        201,
                        JSON.createObjectNode()
                                .put("ok", true)
                                .put("id", id)
                                .put("rev", "1-" + id)
                                .set("data", doc));
            } else if (method.equals("GET") && !rest.isEmpty()) {
                ObjectNode doc = docs.getOrDefault(doctype, Map.of()).get(rest);
                String rev = query(ex.getRequestURI().getRawQuery()).get("rev");
                if (rev != null && doctype.equals("io.cozy.accounts")) {
                    // cozy-stack answers a deleted account's kept revision to ?rev=
                    ObjectNode kept = docs.getOrDefault(SOFT_DELETED, Map.of()).get(rest);
                    doc = kept != null
                                    && rev.equals(kept.path("soft_deleted_rev").asText())
                            ? kept
                            : null;
                }
                send(ex, doc == null ? 404 : 200, doc == null ? error(404, "missing") : doc);
            } else {
                send(ex, 405, error(405, method + " " + ex.getRequestURI()));
            }
        }
    }

    private void find(HttpExchange ex, String doctype) throws IOException {
        JsonNode query = JSON.readTree(ex.getRequestBody());
        JsonNode selector = query.path("selector");
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode doc : all(doctype)) {
            boolean match = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                match &= f.getValue().equals(doc.get(f.getKey()));
            }
            if (match) {
                found.add(doc);
            }
        }
        int skip = query.path("skip").asInt(0);
        int limit = query.path("limit").asInt(100);
        List<ObjectNode> page = found.subList(Math.min(skip, found.size()), Math.min(skip + limit, found.size()));
        ObjectNode answer = JSON.createObjectNode().put("next", skip + limit < found.size());
        answer.putArray("docs").addAll(page);
        send(ex, 200, answer);
    }

    void handleFiles(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                return;
            }
            String path = ex.getRequestURI().getPath().substring("/files/".length());
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("metadata")) {
                String wanted = query.getOrDefault("Path", "");
                StoredFile f = files.values().stream()
                        .filter(x -> (folders.get(x.dirId()) + "/" + x.name()).equals(wanted))
                        .findFirst()
                        .orElse(null);
                send(ex, f == null ? 404 : 200, f == null ? error(404, "no file at " + wanted) : fileJson(f));
            } else if (method.equals("GET")) {
                String dir = folders.get(path);
                StoredFile f = files.get(path);
                if (dir != null) {
                    ObjectNode attrs =
                            JSON.createObjectNode().put("type", "directory").put("path", dir);
                    attrs.put("name", dir.substring(dir.lastIndexOf('/') + 1));
                    send(ex, 200, resource(path, attrs));
                } else {
                    send(ex, f == null ? 404 : 200, f == null ? error(404, "no file " + path) : fileJson(f));
                }
            } else if (method.equals("POST") && folders.containsKey(path) && "file".equals(query.get("Type"))) {
                upload(ex, path, query);
            } else {
                send(ex, 400, error(400, method + " " + ex.getRequestURI()));
            }
        }
    }

    private void upload(HttpExchange ex, String dirId, Map<String, String> query) throws IOException {
        String name = query.get("Name");
        boolean taken = files.values().stream()
                .anyMatch(f -> f.dirId().equals(dirId) && f.name().equals(name));
        if (taken) {
            send(ex, 409, error(409, "Conflict"));
            return;
        }
        ObjectNode meta = JSON.createObjectNode();
        if (query.containsKey("SourceAccount")) {
            meta.put("sourceAccount", query.get("SourceAccount"));
        }
        if (query.containsKey("SourceAccountIdentifier")) {
            meta.put("sourceAccountIdentifier", query.get("SourceAccountIdentifier"));
        }
        StoredFile f = new StoredFile(
                "file" + ids.incrementAndGet(), dirId, name, ex.getRequestBody().readAllBytes(), meta);
        files.put(f.id(), f);
        send(ex, 201, fileJson(f));
    }

    private ObjectNode fileJson(StoredFile f) {
        ObjectNode attrs = JSON.createObjectNode()
                .put("type", "file")
                .put("name", f.name())
                .put("dir_id", f.dirId());
        attrs.put("size", String.valueOf(f.bytes().length)).set("cozyMetadata", f.cozyMetadata());
        return resource(f.id(), attrs);
    }

    private static ObjectNode resource(String id, ObjectNode attributes) {
        ObjectNode data = JSON.createObjectNode().put("type", "io.cozy.files").put("id", id);
        data.set("attributes", attributes);
        return (ObjectNode) JSON.createObjectNode().set("data", data);
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        if (("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        send(ex, 401, error(401, "Invalid token"));
        return false;
    }

    private static ObjectNode error(int status, String detail) {
        ObjectNode e =
                JSON.createObjectNode().put("status", String.valueOf(status)).put("detail", detail);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").add(e);
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
