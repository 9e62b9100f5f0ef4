package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.files.Children;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.web.Call;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code io.cozy.files} documents as the JSON:API resources the Cozy clients read. */
final class FileJson {
    static final String VERSIONS = "io.cozy.files.versions";

    private FileJson() {}

    /** One resource; {@code path} is added to a file's attributes when known. */
    static ObjectNode resource(ObjectNode doc, @Nullable String path) {
        String id = doc.path("_id").asText();
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("type", Files.DOCTYPE);
        r.put("id", id);
        ObjectNode attributes = doc.deepCopy();
        attributes.remove(List.of("_id", "_rev", "_type", "internal_vfs_id"));
        if (path != null && !attributes.has("path")) {
            attributes.put("path", path);
        }
        r.set("attributes", attributes);
        r.putObject("meta").put("rev", doc.path("_rev").asText());
        r.putObject("links").put("self", "/files/" + id);
        ObjectNode rel = r.putObject("relationships");
        String parent = doc.path("dir_id").asText("");
        if (!parent.isEmpty()) {
            ObjectNode p = rel.putObject("parent");
            p.putObject("links").put("related", "/files/" + parent);
            p.putObject("data").put("type", Files.DOCTYPE).put("id", parent);
        }
        ObjectNode refs = rel.putObject("referenced_by");
        refs.putObject("links").put("self", "/files/" + id + "/relationships/references");
        JsonNode by = doc.get("referenced_by");
        refs.set(
                "data",
                by != null && by.isArray() ? by.deepCopy() : Json.mapper().createArrayNode());
        JsonNode notSynced = doc.get("not_synchronized_on");
        if (notSynced != null && notSynced.isArray()) {
            rel.putObject("not_synchronized_on").set("data", notSynced.deepCopy());
        }
        return r;
    }

    /** A directory with a page of its children in {@code included}. */
    static ObjectNode directory(ObjectNode dir, Children children, String selfPath) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode data = resource(dir, null);
        ArrayNode contents =
                ((ObjectNode) data.get("relationships")).putObject("contents").putArray("data");
        ArrayNode included = body.putArray("included");
        String dirPath = dir.path("path").asText();
        for (ObjectNode child : children.docs()) {
            contents.addObject()
                    .put("type", Files.DOCTYPE)
                    .put("id", child.path("_id").asText());
            included.add(resource(child, join(dirPath, child.path("name").asText())));
        }
        body.set("data", data);
        body.putObject("meta").put("count", children.count());
        if (children.cursor() != null) {
            body.putObject("links").put("next", next(selfPath, children));
        }
        return body;
    }

    /** A list of children as {@code data}, with {@code links.next} and {@code meta.count}. */
    static ObjectNode list(List<ObjectNode> docs, long count, @Nullable String next, @Nullable String dirPath) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode data = body.putArray("data");
        for (ObjectNode doc : docs) {
            data.add(resource(
                    doc, dirPath == null ? null : join(dirPath, doc.path("name").asText())));
        }
        if (next != null) {
            body.putObject("links").put("next", next);
        }
        body.putObject("meta").put("count", count);
        return body;
    }

    static String next(String selfPath, Children children) {
        return selfPath + "?page[cursor]=" + encode(children.cursor()) + "&page[limit]="
                + Math.max(1, children.docs().size());
    }

    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    static String encode(@Nullable String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    static ObjectNode single(ObjectNode resource) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("data", resource);
        return body;
    }

    /** An old version as a JSON:API resource. */
    static ObjectNode version(ObjectNode doc) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("type", VERSIONS);
        r.put("id", doc.path("_id").asText());
        ObjectNode attributes = doc.deepCopy();
        attributes.remove(List.of("_id", "_rev", "_type", "internal_vfs_id"));
        r.set("attributes", attributes);
        r.putObject("meta").put("rev", doc.path("_rev").asText());
        return r;
    }

    /** Adds the old versions of the file of {@code body.data}: {@code relationships.old_versions} and {@code included}. */
    static ObjectNode withVersions(ObjectNode body, List<ObjectNode> versions) {
        if (versions.isEmpty()) {
            return body;
        }
        ArrayNode refs = Json.mapper().createArrayNode();
        ArrayNode included = body.withArrayProperty("included");
        for (ObjectNode v : versions.reversed()) {
            refs.addObject().put("type", VERSIONS).put("id", v.path("_id").asText());
            included.add(version(v));
        }
        ((ObjectNode) body.path("data").path("relationships"))
                .putObject("old_versions")
                .set("data", refs);
        return body;
    }

    /**
     * Writes a JSON:API body; the images among its {@code io.cozy.files} resources get the links of
     * their thumbnails, with a secret valid ten minutes.
     */
    static void send(Call call, FileService files, int status, JsonNode body) throws IOException {
        String domain = call.context().domain();
        JsonNode data = body.path("data");
        if (data.isArray()) {
            data.forEach(r -> thumbnails(files, domain, r));
        } else {
            thumbnails(files, domain, data);
        }
        body.path("included").forEach(r -> thumbnails(files, domain, r));
        write(call, status, body);
    }

    private static void thumbnails(FileService files, String domain, JsonNode resource) {
        if (!(resource instanceof ObjectNode r)
                || !Files.DOCTYPE.equals(r.path("type").asText())) {
            return;
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", r.path("id").asText());
        doc.put("type", r.path("attributes").path("type").asText());
        doc.put("mime", r.path("attributes").path("mime").asText());
        String secret = files.thumbnailSecret(domain, doc);
        if (secret != null) {
            ObjectNode links = r.withObjectProperty("links");
            for (String format : List.of("tiny", "small", "medium", "large")) {
                links.put(format, "/files/" + doc.path("_id").asText() + "/thumbnails/" + secret + "/" + format);
            }
        }
    }

    /** Writes a JSON:API body as it is. */
    static void write(Call call, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.bytes(body);
        call.response().setStatus(status);
        call.response().setContentType(Document.MEDIA_TYPE);
        call.response().setContentLength(bytes.length);
        call.response().getOutputStream().write(bytes);
    }
}
