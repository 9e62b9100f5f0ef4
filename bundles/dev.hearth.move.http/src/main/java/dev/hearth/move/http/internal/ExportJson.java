package dev.hearth.move.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Resource;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.ExportPart;
import dev.hearth.move.ImportResult;

/**
 * Exports as {@code io.cozy.exports} resources with Cozy's attribute names ({@code parts_size},
 * {@code parts_cursors}, {@code state}, ...) and Hearth's own ({@code parts} with their checksums).
 */
final class ExportJson {
    static final String DOCTYPE = "io.cozy.exports";

    private ExportJson() {}

    static Resource resource(ExportInfo info, String self) {
        ObjectNode a = Json.mapper().createObjectNode();
        a.put("domain", info.domain());
        a.put("state", info.state());
        a.put("parts_size", info.partsSize());
        ArrayNode cursors = a.putArray("parts_cursors");
        for (int i = 1; i < info.parts().size(); i++) {
            cursors.add(Integer.toString(i));
        }
        ArrayNode parts = a.putArray("parts");
        for (ExportPart p : info.parts()) {
            parts.addObject().put("name", p.name()).put("size", p.size()).put("sha256", p.sha256());
        }
        a.putArray("with_doctypes");
        a.put("created_at", info.createdAt());
        a.put("expires_at", info.expiresAt());
        a.put("total_size", info.totalSize());
        a.put("documents", info.documents());
        a.put("files", info.files());
        a.put("error", info.error() == null ? "" : info.error());
        return Resource.of(DOCTYPE, info.id(), a, self);
    }

    static ObjectNode result(ImportResult r) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("documents", r.documents());
        json.put("files", r.files());
        json.put("bytes", r.bytes());
        r.apps().forEach(json.putArray("apps")::add);
        r.skipped().forEach(json.putArray("skipped")::add);
        return json;
    }

    /** Part {@code cursor} of a download ({@code ?cursor=N}): 0 for the first part when absent. */
    static int cursor(@org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw dev.hearth.common.error.ApiException.invalidParameter("cursor", "Not a part number");
    }
}
