package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.files.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The shapes of {@code io.cozy.files} documents. */
final class Docs {
    private Docs() {}

    static String now() {
        return Instant.now().toString();
    }

    static ObjectNode directory(@Nullable String id, String parent, String name, String path, String createdAt) {
        ObjectNode dir = Json.mapper().createObjectNode();
        if (id != null) {
            dir.put("_id", id);
        }
        dir.put("type", Files.DIRECTORY);
        dir.put("name", name);
        dir.put("dir_id", parent);
        dir.put("path", path);
        dir.put("created_at", createdAt);
        dir.put("updated_at", createdAt);
        dir.putArray("tags");
        ObjectNode cozy = dir.putObject("cozyMetadata");
        cozy.put("doctypeVersion", "1");
        cozy.put("metadataVersion", 1);
        cozy.put("createdAt", createdAt);
        cozy.put("updatedAt", createdAt);
        return dir;
    }

    static boolean isDirectory(ObjectNode doc) {
        return Files.DIRECTORY.equals(doc.path("type").asText());
    }

    static long size(ObjectNode doc) {
        try {
            return Long.parseLong(doc.path("size").asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void tags(ObjectNode doc, List<String> tags) {
        ArrayNode list = doc.putArray("tags");
        tags.forEach(list::add);
    }

    /**
     * A client's date, normalized to RFC 3339, or {@code fallback} when absent.
     *
     * @throws dev.hearth.common.error.ApiException 422 when it is not a date
     */
    static String date(@Nullable String value, String parameter, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw dev.hearth.common.error.ApiException.invalidParameter(parameter, "Not an RFC 3339 date: " + value);
        }
    }

    /** The document without its CouchDB fields, as JSON:API attributes carry it. */
    static ObjectNode attributes(ObjectNode doc) {
        ObjectNode a = doc.deepCopy();
        a.remove("_id");
        a.remove("_rev");
        a.remove("_type");
        return a;
    }
}
