package dev.hearth.files.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.PermissionTarget;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.files.ReferencePage;
import dev.hearth.web.Call;
import dev.hearth.web.ContributedRoutes;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.RequestContext;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /data/:doctype/:id/relationships/references}: the files a document references, served in
 * the {@code /data} area. Listing needs GET on the document (or on the files it references, by a
 * {@code referenced_by} selector), or GET on every file; adding needs PUT on the document and
 * removing DELETE on it, or else PATCH on every file.
 */
@Component(property = ContributedRoutes.AREA + "=data")
public final class ReferenceRoutes implements ContributedRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String PATH = "/data/:doctype/:id/relationships/references";

    private final FileService files;

    @Activate
    public ReferenceRoutes(@Reference FileService files) {
        this.files = files;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .get(PATH, this::list)
                .post(PATH, call -> change(call, Verb.PUT, true))
                .delete(PATH, call -> change(call, Verb.DELETE, false));
    }

    void list(Call call) throws IOException {
        String doctype = call.param("doctype");
        String id = call.param("id");
        PermissionSet set = call.context().auth().permissions();
        String ref = doctype + "/" + id;
        boolean bySelector = set.allows(
                Verb.GET,
                PermissionTarget.of(
                        Files.DOCTYPE, "", field -> field.equals("referenced_by") ? List.of(ref) : List.of()));
        if (!set.allowsId(Verb.GET, doctype, id) && !bySelector && !set.allowsWholeType(Verb.GET, Files.DOCTYPE)) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
        String sort = call.query("sort");
        if (sort != null && !sort.isEmpty() && !sort.equals("id") && !sort.equals("datetime")) {
            throw ApiException.badRequest("Invalid sort parameter");
        }
        int limit = (int) Math.max(1, Math.min(MAX_LIMIT, call.number("page[limit]", DEFAULT_LIMIT)));
        int skip = (int) Math.max(0, call.number("page[skip]", 0));
        String cursor = call.query("page[cursor]");
        String domain = call.context().domain();
        ReferencePage page = files.referencing(
                domain,
                doctype,
                id,
                cursor == null || cursor.isEmpty() ? null : cursor,
                skip,
                limit,
                "datetime".equals(sort));
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode data = body.putArray("data");
        boolean include = "files".equals(call.query("include"));
        ArrayNode included = include ? body.putArray("included") : null;
        for (ObjectNode doc : page.docs()) {
            data.addObject()
                    .put("type", Files.DOCTYPE)
                    .put("id", doc.path("_id").asText());
            if (included != null) {
                included.add(FileJson.resource(doc, files.path(domain, doc)));
            }
        }
        if (page.cursor() != null) {
            String next = "/data/" + FileJson.encode(doctype) + "/" + FileJson.encode(id)
                    + "/relationships/references?page[cursor]=" + FileJson.encode(page.cursor())
                    + "&page[limit]=" + limit + (include ? "&include=files" : "")
                    + (sort == null || sort.isEmpty() ? "" : "&sort=" + sort);
            body.putObject("links").put("next", next);
        }
        body.putObject("meta").put("count", page.count());
        FileJson.send(call, files, 200, body);
    }

    void change(Call call, Verb verb, boolean add) {
        String doctype = call.param("doctype");
        String id = call.param("id");
        PermissionSet set = call.context().auth().permissions();
        if (!set.allowsId(verb, doctype, id) && !set.allowsWholeType(Verb.PATCH, Files.DOCTYPE)) {
            throw StatusException.forbidden(RequestContext.FORBIDDEN);
        }
        List<String> ids = new ArrayList<>();
        JsonNode data;
        try {
            data = call.jsonBody().path("data");
        } catch (IOException e) {
            throw ApiException.badRequest("The body must be {\"data\":[{\"type\":\"io.cozy.files\",\"id\":...}]}");
        }
        for (JsonNode item : data.isArray() ? data : List.of(data)) {
            if (!item.path("id").isTextual()
                    || !Files.DOCTYPE.equals(item.path("type").asText(Files.DOCTYPE))) {
                throw ApiException.badRequest("The body must be {\"data\":[{\"type\":\"io.cozy.files\",\"id\":...}]}");
            }
            ids.add(item.path("id").asText());
        }
        files.referenceMany(call.context().domain(), doctype, id, ids, add);
        call.noContent();
    }
}
