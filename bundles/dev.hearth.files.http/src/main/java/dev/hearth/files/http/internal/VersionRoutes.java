package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import dev.hearth.web.Call;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Old versions ({@code io.cozy.files.versions}, ids {@code <file id>/<version id>}): download,
 * revert, tags, delete, a new version with new metadata, and the purge of all of them. The rights
 * are those on the file: GET to read, POST to revert, PATCH for tags, DELETE to delete, PUT for a
 * new version; the purge needs DELETE on the whole doctype.
 */
final class VersionRoutes {
    private final FileService files;
    private final FileVersions versions;
    private final EntryRoutes entries;

    VersionRoutes(FileService files, FileVersions versions, EntryRoutes entries) {
        this.files = files;
        this.versions = versions;
        this.entries = entries;
    }

    private String file(Call call, Verb verb) {
        return entries.entry(call, verb, call.param("id")).path("_id").asText();
    }

    void download(Call call) throws IOException {
        String id = file(call, Verb.GET);
        Downloads.send(
                call,
                versions.versionContent(call.context().domain(), id, call.param("version")),
                "1".equals(call.query("Dl")));
    }

    void revert(Call call) throws IOException {
        String id = file(call, Verb.POST);
        String domain = call.context().domain();
        ObjectNode saved = versions.revert(domain, id, call.param("version"));
        FileJson.send(call, files, 200, FileJson.single(FileJson.resource(saved, files.path(domain, saved))));
    }

    void tag(Call call) throws IOException {
        String id = file(call, Verb.PATCH);
        JsonNode tags = call.jsonBody().path("data").path("attributes").path("tags");
        if (!tags.isArray()) {
            throw ApiException.badRequest("The body must be {\"data\":{\"attributes\":{\"tags\":[...]}}}");
        }
        List<String> list = new ArrayList<>();
        tags.forEach(t -> list.add(t.asText()));
        ObjectNode version = versions.tagVersion(call.context().domain(), id, call.param("version"), list);
        FileJson.send(call, files, 200, FileJson.single(FileJson.version(version)));
    }

    void delete(Call call) {
        String id = file(call, Verb.DELETE);
        versions.deleteVersion(call.context().domain(), id, call.param("version"));
        call.noContent();
    }

    /** {@code POST /files/:id/versions}: the same content, new metadata ({@code data.attributes}) and tags. */
    void create(Call call) throws IOException {
        String id = file(call, Verb.PUT);
        JsonNode attributes = call.hasBody() ? call.jsonBody().path("data").path("attributes") : null;
        ObjectNode metadata = attributes instanceof ObjectNode o && !o.isEmpty() ? o : null;
        String domain = call.context().domain();
        ObjectNode saved = versions.newVersion(domain, id, metadata, UploadParams.tags(call.query("Tags")));
        FileJson.send(call, files, 200, FileJson.single(FileJson.resource(saved, files.path(domain, saved))));
    }

    void purge(Call call) {
        FileAccess.wholeType(call, Verb.DELETE);
        versions.purgeVersions(call.context().domain());
        call.noContent();
    }
}
