package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.files.Children;
import dev.hearth.files.FileService;
import dev.hearth.files.FileVersions;
import dev.hearth.files.Files;
import dev.hearth.files.Upload;
import dev.hearth.web.Call;
import dev.hearth.web.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Entries: create, upload, overwrite, stat, children, patch, trash. */
final class EntryRoutes {
    static final int DEFAULT_PAGE = 30;
    static final int MAX_PAGE = 1000;

    private final FileService files;
    private final FileVersions versions;

    EntryRoutes(FileService files, FileVersions versions) {
        this.files = files;
        this.versions = versions;
    }

    /** The entry {@code id} if the caller may use {@code verb} on it; 403 rather than 404 without wide rights. */
    ObjectNode entry(Call call, Verb verb, String id) {
        return checked(call, verb, id, files::stat);
    }

    /** The entry {@code id} for a GET that only reads it (a download, a stat): shared, not to be modified. */
    ObjectNode readable(Call call, String id) {
        return checked(call, Verb.GET, id, files::statShared);
    }

    private ObjectNode checked(Call call, Verb verb, String id, BiFunction<String, String, ObjectNode> stat) {
        ObjectNode doc;
        try {
            doc = stat.apply(call.context().domain(), id);
        } catch (HearthException e) {
            if (e.status() == 404 && !FileAccess.permissions(call).allowsWholeType(verb, Files.DOCTYPE)) {
                throw StatusException.forbidden(RequestContext.FORBIDDEN);
            }
            throw e;
        }
        FileAccess.entry(call, files, verb, doc);
        return doc;
    }

    void createInRoot(Call call) throws IOException {
        create(call, Files.ROOT_ID);
    }

    void createIn(Call call) throws IOException {
        create(call, call.param("id"));
    }

    private void create(Call call, String dirId) throws IOException {
        entry(call, Verb.POST, dirId);
        String domain = call.context().domain();
        String type = call.query("Type");
        ObjectNode created;
        if ("directory".equals(type)) {
            Upload p = UploadParams.read(call, files, false);
            created = files.createDirectory(
                    domain, dirId, p.name() == null ? "" : p.name(), p.tags(), p.createdAt(), p.metadata());
        } else if ("file".equals(type)) {
            Upload p = UploadParams.read(call, files, false);
            try (InputStream body = UploadParams.body(call)) {
                created = files.upload(domain, dirId, p, body);
            }
        } else {
            throw ApiException.invalidParameter("Type", "Type must be file or directory");
        }
        call.response().setHeader("Location", "/files/" + created.path("_id").asText());
        FileJson.send(call, files, 201, FileJson.single(FileJson.resource(created, files.path(domain, created))));
    }

    void overwrite(Call call) throws IOException {
        ObjectNode doc = entry(call, Verb.PUT, call.param("id"));
        Upload p = UploadParams.read(call, files, true);
        String domain = call.context().domain();
        ObjectNode saved;
        try (InputStream body = UploadParams.body(call)) {
            saved = files.overwrite(domain, doc.path("_id").asText(), p, body);
        }
        FileJson.send(call, files, 200, FileJson.single(FileJson.resource(saved, files.path(domain, saved))));
    }

    /** The answer copies what it shows, so the entry is the shared one downloads read. */
    void show(Call call) throws IOException {
        ObjectNode doc = readable(call, call.param("id"));
        showEntry(call, doc);
    }

    void showByPath(Call call) throws IOException {
        String path = call.query("Path");
        ObjectNode doc;
        try {
            doc = files.statByPath(call.context().domain(), path == null ? "" : path);
        } catch (HearthException e) {
            if (e.status() == 404 && !FileAccess.permissions(call).allowsWholeType(Verb.GET, Files.DOCTYPE)) {
                throw StatusException.forbidden(RequestContext.FORBIDDEN);
            }
            throw e;
        }
        FileAccess.entry(call, files, Verb.GET, doc);
        showEntry(call, doc);
    }

    private void showEntry(Call call, ObjectNode doc) throws IOException {
        String domain = call.context().domain();
        String id = doc.path("_id").asText();
        if (!Files.DIRECTORY.equals(doc.path("type").asText())) {
            ObjectNode body = FileJson.single(FileJson.resource(doc, files.path(domain, doc)));
            FileJson.send(call, files, 200, FileJson.withVersions(body, versions.versions(domain, doc)));
            return;
        }
        Children children = page(call, id);
        FileJson.send(call, files, 200, FileJson.directory(doc, children, "/files/" + id));
    }

    void contents(Call call) throws IOException {
        ObjectNode dir = entry(call, Verb.GET, call.param("id"));
        String id = dir.path("_id").asText();
        Children c = page(call, id);
        String next = c.cursor() == null ? null : FileJson.next("/files/" + id + "/relationships/contents", c);
        FileJson.send(
                call,
                files,
                200,
                FileJson.list(c.docs(), c.count(), next, dir.path("path").asText()));
    }

    Children page(Call call, String dirId) {
        int limit = (int) Math.min(MAX_PAGE, call.number("page[limit]", DEFAULT_PAGE));
        int skip = (int) Math.max(0, call.number("page[skip]", 0));
        String cursor = call.query("page[cursor]");
        return files.children(
                call.context().domain(),
                dirId,
                cursor == null || cursor.isEmpty() ? null : cursor,
                skip,
                Math.max(1, limit));
    }

    void patch(Call call) throws IOException {
        ObjectNode doc = entry(call, Verb.PATCH, call.param("id"));
        ObjectNode attributes = attributes(call.jsonBody().path("data"));
        ObjectNode saved = patchOne(call, doc, call.header("If-Match"), attributes);
        FileJson.send(
                call,
                files,
                200,
                FileJson.single(
                        FileJson.resource(saved, files.path(call.context().domain(), saved))));
    }

    void patchByPath(Call call) throws IOException {
        ObjectNode doc = files.statByPath(call.context().domain(), String.valueOf(call.query("Path")));
        FileAccess.entry(call, files, Verb.PATCH, doc);
        ObjectNode saved = patchOne(
                call, doc, call.header("If-Match"), attributes(call.jsonBody().path("data")));
        if (saved == null) {
            call.noContent();
            return;
        }
        FileJson.send(
                call,
                files,
                200,
                FileJson.single(
                        FileJson.resource(saved, files.path(call.context().domain(), saved))));
    }

    /** A move also needs the right to write in the destination. */
    private ObjectNode patchOne(Call call, ObjectNode doc, @Nullable String ifMatch, ObjectNode attributes) {
        String target = attributes.path("dir_id").asText("");
        if (!target.isEmpty() && !target.equals(doc.path("dir_id").asText())) {
            entry(call, Verb.POST, target);
        }
        return files.patch(call.context().domain(), doc.path("_id").asText(), ifMatch, attributes);
    }

    /** {@code PATCH /files/}: each item on its own; 204, or the errors of the items that failed. */
    void patchMany(Call call) throws IOException {
        JsonNode data = call.jsonBody().path("data");
        if (!data.isArray()) {
            throw ApiException.badRequest("data must be an array");
        }
        List<ObjectNode> errors = new ArrayList<>();
        int status = 0;
        for (JsonNode item : data) {
            String id = item.path("id").asText("");
            try {
                ObjectNode doc = entry(call, Verb.PATCH, id);
                patchOne(call, doc, item.path("meta").path("rev").asText(null), attributes(item));
            } catch (HearthException e) {
                status = status == 0 ? e.status() : status;
                ObjectNode error = Json.mapper().createObjectNode();
                error.put("status", Integer.toString(e.status()));
                error.put("title", e instanceof ApiException api ? api.title() : "Error");
                error.put("detail", e instanceof ApiException api ? api.detail() : e.getMessage());
                error.putObject("source").put("id", id);
                errors.add(error);
            }
        }
        if (errors.isEmpty()) {
            call.noContent();
            return;
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("errors").addAll(errors);
        FileJson.send(call, files, status, body);
    }

    private static ObjectNode attributes(JsonNode data) {
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) {
            throw ApiException.badRequest("The body must be {\"data\":{\"attributes\":{...}}}");
        }
        return (ObjectNode) attributes;
    }

    /**
     * {@code POST|DELETE /files/:id/relationships/referenced_by} (or {@code not_synchronized_on})
     * with {@code {"data":[{"type","id"}]}}.
     */
    void references(Call call, String field, boolean add) throws IOException {
        ObjectNode doc = entry(call, Verb.PATCH, call.param("id"));
        JsonNode data = call.jsonBody().path("data");
        List<ObjectNode> refs = new ArrayList<>();
        if (data instanceof ObjectNode one) {
            refs.add(one);
        } else if (data.isArray()) {
            data.forEach(r -> {
                if (r instanceof ObjectNode ref) {
                    refs.add(ref);
                } else {
                    throw ApiException.badRequest("data must hold references {\"type\",\"id\"}");
                }
            });
        } else {
            throw ApiException.badRequest("data must hold references {\"type\",\"id\"}");
        }
        ObjectNode saved =
                files.references(call.context().domain(), doc.path("_id").asText(), field, refs, add);
        ObjectNode body = Json.mapper().createObjectNode();
        JsonNode by = saved.path(field);
        body.putObject("meta").put("rev", saved.path("_rev").asText()).put("count", by.size());
        body.set("data", by.isArray() ? by : Json.mapper().createArrayNode());
        FileJson.send(call, files, 200, body);
    }

    void trash(Call call) throws IOException {
        ObjectNode doc = entry(call, Verb.DELETE, call.param("id"));
        String domain = call.context().domain();
        ObjectNode saved = files.trash(domain, doc.path("_id").asText(), call.header("If-Match"));
        FileJson.send(call, files, 200, FileJson.single(FileJson.resource(saved, files.path(domain, saved))));
    }
}
