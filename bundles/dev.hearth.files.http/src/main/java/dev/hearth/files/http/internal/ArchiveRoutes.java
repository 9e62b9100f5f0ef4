package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.files.FileService;
import dev.hearth.web.Call;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Zip archives ({@code POST /files/archive}, then a download without a token) and copies. */
final class ArchiveRoutes {
    private static final int MAX_ENTRIES = 10_000;

    private final FileService files;
    private final EntryRoutes entries;

    ArchiveRoutes(FileService files, EntryRoutes entries) {
        this.files = files;
        this.entries = entries;
    }

    /** Every entry asked for must be readable by the caller; the answer links to the zip. */
    void create(Call call) throws IOException {
        JsonNode attributes = call.jsonBody().path("data").path("attributes");
        List<String> ids = new ArrayList<>();
        for (JsonNode id : attributes.path("ids")) {
            ids.add(entries.entry(call, Verb.GET, id.asText()).path("_id").asText());
        }
        for (JsonNode path : attributes.path("files")) {
            ObjectNode doc = files.statByPath(call.context().domain(), path.asText());
            FileAccess.entry(call, files, Verb.GET, doc);
            ids.add(doc.path("_id").asText());
        }
        if (ids.isEmpty() || ids.size() > MAX_ENTRIES) {
            throw ApiException.invalidAttribute("ids", "An archive needs between 1 and " + MAX_ENTRIES + " entries");
        }
        String name = attributes.path("name").asText("archive");
        if (name.isBlank() || name.contains("/")) {
            throw ApiException.invalidAttribute("name", "Invalid archive name");
        }
        String key = files.prepareArchive(call.context().domain(), ids);
        String related = "/files/archive/" + key + "/" + FileJson.encode(name + ".zip");
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("links").put("related", related);
        ObjectNode data = body.putObject("data");
        data.put("type", "io.cozy.files.archives");
        data.put("id", key);
        data.putObject("attributes").put("href", related).put("name", name);
        FileJson.send(call, files, 200, body);
    }

    /** Streams the zip: nothing is sent before the key is found, so an unknown key is a clean 404. */
    void download(Call call) throws IOException {
        call.response().setContentType("application/zip");
        call.response().setHeader("Content-Disposition", Downloads.disposition(true, call.param("name")));
        try {
            files.writeArchive(
                    call.context().domain(), call.param("key"), call.response().getOutputStream());
        } catch (IOException e) {
            throw Downloads.gone(e);
        }
    }

    void copy(Call call) throws IOException {
        ObjectNode source = entries.entry(call, Verb.GET, call.param("id"));
        String dirId = call.query("DirID");
        String target = dirId == null || dirId.isEmpty() ? source.path("dir_id").asText() : dirId;
        entries.entry(call, Verb.POST, target);
        String domain = call.context().domain();
        ObjectNode copy = files.copy(domain, source.path("_id").asText(), call.query("Name"), target);
        FileJson.send(call, files, 201, FileJson.single(FileJson.resource(copy, files.path(domain, copy))));
    }

    void sharedDrives(Call call) throws IOException {
        FileAccess.wholeType(call, Verb.POST);
        ObjectNode dir = files.sharedDrives(call.context().domain());
        FileJson.send(call, files, 201, FileJson.single(FileJson.resource(dir, null)));
    }
}
