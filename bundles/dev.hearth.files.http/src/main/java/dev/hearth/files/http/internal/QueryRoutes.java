package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.FindResult;
import dev.hearth.files.DiskUsage;
import dev.hearth.files.FileService;
import dev.hearth.files.Problem;
import dev.hearth.web.Call;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queries over the whole doctype: {@code _find}, {@code _all_docs}, {@code _changes}, fsck, usage. */
final class QueryRoutes {
    /** The {@code meta.count} of a {@code _find} page when more may follow, as the Cozy stack says it. */
    static final long MORE = 2147483646L;

    private static final int DEFAULT_FIND = 100;
    private final FileService files;

    QueryRoutes(FileService files) {
        this.files = files;
    }

    void find(Call call) throws IOException {
        FileAccess.wholeType(call, Verb.GET);
        ObjectNode request = call.jsonBody();
        int limit = (int) Math.min(
                EntryRoutes.MAX_PAGE,
                call.number("page[limit]", request.path("limit").asInt(DEFAULT_FIND)));
        int skip =
                (int) Math.max(0, call.number("page[skip]", request.path("skip").asInt(0)));
        request.put("limit", Math.max(1, limit));
        request.put("skip", skip);
        String cursor = call.query("page[cursor]");
        if (cursor != null && !cursor.isEmpty()) {
            request.put("bookmark", cursor);
        }
        FindResult result = files.find(call.context().domain(), request);
        ObjectNode body = FileJson.list(result.docs(), 0, null, null);
        boolean more = result.docs().size() >= limit;
        ObjectNode meta = body.putObject("meta");
        meta.put("count", more ? MORE : skip + result.docs().size());
        if (result.executionStats() != null) {
            meta.set("execution_stats", result.executionStats());
        }
        if (more) {
            body.putObject("links").put("next", "/files/_find?page[cursor]=" + FileJson.encode(result.bookmark()));
        }
        FileJson.send(call, files, 200, body);
    }

    /** {@code POST /files/_all_docs} with {@code {"keys":[...]}}: the entries found, each one checked. */
    void allDocs(Call call) throws IOException {
        JsonNode keys = call.jsonBody().path("keys");
        ArrayNode data = Json.mapper().createArrayNode();
        String domain = call.context().domain();
        boolean whole = FileAccess.permissions(call).allowsWholeType(Verb.GET, dev.hearth.files.Files.DOCTYPE);
        for (JsonNode key : keys) {
            try {
                ObjectNode doc = files.stat(domain, key.asText());
                if (whole || FileAccess.allows(call, files, Verb.GET, doc)) {
                    data.add(FileJson.resource(doc, files.path(domain, doc)));
                }
            } catch (HearthException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("data", data);
        body.putObject("meta").put("count", data.size());
        FileJson.send(call, files, 200, body);
    }

    void changes(Call call) throws IOException {
        FileAccess.wholeType(call, Verb.GET);
        ChangesQuery query = new ChangesQuery(
                call.query("since"),
                call.flag("descending"),
                call.number("limit", 0),
                false,
                call.flag("include_docs") || call.flag("include_file_path") || call.flag("skip_trashed"),
                false,
                null,
                null,
                false);
        ObjectNode feed = files.changes(
                call.context().domain(),
                query,
                call.flag("include_file_path"),
                call.flag("skip_deleted"),
                call.flag("skip_trashed"));
        String fields = call.query("fields");
        for (JsonNode r : feed.path("results")) {
            if (!call.flag("include_docs")) {
                ((ObjectNode) r).remove("doc");
            } else if (fields != null && !fields.isBlank() && r.get("doc") instanceof ObjectNode doc) {
                keepFields(doc, List.of(fields.split(",")));
            }
        }
        call.json(200, feed);
    }

    /** Leaves {@code _id}, {@code _rev}, {@code _deleted}, {@code path} and the named fields. */
    private static void keepFields(ObjectNode doc, List<String> fields) {
        List<String> drop = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(name -> {
            if (!name.startsWith("_") && !name.equals("path") && !fields.contains(name)) {
                drop.add(name);
            }
        });
        doc.remove(drop);
    }

    void fsck(Call call) throws IOException {
        FileAccess.wholeType(call, Verb.GET);
        List<Problem> problems = files.fsck(call.context().domain(), call.flag("md5"));
        call.json(200, Map.of("problems", problems, "count", problems.size()));
    }

    void diskUsage(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, "io.cozy.settings");
        DiskUsage usage = files.usage(call.context().domain());
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (usage.quota() > 0) {
            attributes.put("quota", Long.toString(usage.quota()));
        }
        attributes.put("used", Long.toString(usage.used()));
        attributes.put("files", Long.toString(usage.used() - usage.versions()));
        attributes.put("versions", Long.toString(usage.versions()));
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("type", "io.cozy.settings");
        data.put("id", "io.cozy.settings.disk-usage");
        data.set("attributes", Json.mapper().valueToTree(attributes));
        data.putObject("meta");
        data.putObject("links").put("self", "/settings/disk-usage");
        FileJson.send(call, files, 200, FileJson.single(data));
    }
}
