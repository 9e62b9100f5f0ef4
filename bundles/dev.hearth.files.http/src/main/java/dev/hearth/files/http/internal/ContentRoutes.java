package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.Content;
import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import dev.hearth.web.Call;
import java.io.IOException;

/** Downloads (by id, by path, by secret), download secrets, staged metadata, sizes. */
final class ContentRoutes {
    private final FileService files;
    private final FileVersions versions;
    private final EntryRoutes entries;

    ContentRoutes(FileService files, FileVersions versions, EntryRoutes entries) {
        this.files = files;
        this.versions = versions;
        this.entries = entries;
    }

    void byId(Call call) throws IOException {
        ObjectNode doc = entries.readable(call, call.param("id"));
        Content content = files.content(call.context().domain(), doc);
        Downloads.send(call, content, "1".equals(call.query("Dl")));
    }

    void byPath(Call call) throws IOException {
        ObjectNode doc = byPathParam(call);
        Content content = files.content(call.context().domain(), doc);
        Downloads.send(call, content, "1".equals(call.query("Dl")));
    }

    private ObjectNode byPathParam(Call call) {
        ObjectNode doc = files.statByPath(call.context().domain(), String.valueOf(call.query("Path")));
        FileAccess.entry(call, files, Verb.GET, doc);
        return doc;
    }

    /** {@code POST /files/downloads?Id=|Path=}: a one-use link that needs no token. */
    void createSecret(Call call) throws IOException {
        String versionId = call.query("VersionId");
        String id = versionId != null ? versionId.substring(0, Math.max(0, versionId.indexOf('/'))) : call.query("Id");
        ObjectNode doc = id != null ? entries.entry(call, Verb.GET, id) : byPathParam(call);
        String domain = call.context().domain();
        String secret = versionId != null
                ? versions.versionDownloadSecret(
                        domain, doc.path("_id").asText(), versionId.substring(versionId.indexOf('/') + 1))
                : files.downloadSecret(domain, doc.path("_id").asText());
        String filename = call.query("Filename");
        String name = filename == null || filename.isEmpty() ? doc.path("name").asText() : filename;
        String related = "/files/downloads/" + secret + "/" + FileJson.encode(name);
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("links").put("related", related);
        ObjectNode data = FileJson.resource(doc, files.path(domain, doc));
        body.set("data", data);
        FileJson.send(call, files, 200, body);
    }

    /** {@code GET /files/:id/thumbnails/:secret/:format}: no token, the secret stands for one. */
    void thumbnail(Call call) throws IOException {
        Content content =
                files.thumbnail(call.context().domain(), call.param("id"), call.param("secret"), call.param("format"));
        call.response().setHeader("Cache-Control", "private, max-age=600");
        Downloads.send(call, content, false);
    }

    void bySecret(Call call) throws IOException {
        Content content = files.redeem(call.context().domain(), call.param("secret"));
        Downloads.send(call, content, !"inline".equals(call.query("Disposition")));
    }

    /** {@code POST /files/upload/metadata}: metadata kept for a later upload's {@code MetadataID}. */
    void stageMetadata(Call call) throws IOException {
        FileAccess.permissions(call);
        JsonNode attributes = call.jsonBody().path("data").path("attributes");
        if (!(attributes instanceof ObjectNode metadata)) {
            throw ApiException.badRequest("The body must be {\"data\":{\"attributes\":{...}}}");
        }
        String id = files.stageMetadata(call.context().domain(), metadata);
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("type", "io.cozy.files.metadata");
        data.put("id", id);
        data.set("attributes", metadata);
        FileJson.send(call, files, 201, FileJson.single(data));
    }

    void size(Call call) throws IOException {
        ObjectNode doc = entries.entry(call, Verb.GET, call.param("id"));
        long size = files.size(call.context().domain(), doc.path("_id").asText());
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("type", "io.cozy.files.sizes");
        data.put("id", doc.path("_id").asText());
        data.putObject("attributes").put("size", Long.toString(size));
        data.putObject("meta");
        FileJson.send(call, files, 200, FileJson.single(data));
    }
}
