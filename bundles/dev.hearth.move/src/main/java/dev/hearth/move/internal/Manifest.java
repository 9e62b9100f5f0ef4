package dev.hearth.move.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.move.ExportPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of an archive ({@code manifest.json}): its format and version, where it comes
 * from, each part with its size and SHA-256, and the update sequence each database had when it
 * was exported.
 */
record Manifest(
        int version,
        String domain,
        String createdAt,
        List<ExportPart> parts,
        long documents,
        long files,
        Map<String, Long> sequences) {
    static final String NAME = "manifest.json";
    static final String FORMAT = "hearth-move";
    /** The format version this server writes, and the newest it reads. */
    static final int VERSION = 1;

    byte[] toBytes() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("version", version);
        json.put("domain", domain);
        json.put("created_at", createdAt);
        json.put("documents", documents);
        json.put("files", files);
        ObjectNode seqs = json.putObject("sequences");
        sequences.forEach(seqs::put);
        ArrayNode array = json.putArray("parts");
        for (ExportPart p : parts) {
            array.addObject().put("name", p.name()).put("size", p.size()).put("sha256", p.sha256());
        }
        return Json.bytes(json);
    }

    /**
     * Reads a manifest.
     *
     * @throws dev.hearth.common.error.ApiException when it is not one, or of a newer version
     */
    static Manifest parse(byte[] bytes) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw Refusals.invalid("The manifest is not JSON");
        }
        if (!FORMAT.equals(json.path("format").asText())) {
            throw Refusals.invalid("The manifest is not one of a Hearth archive");
        }
        int version = json.path("version").asInt(0);
        if (version > VERSION) {
            throw Refusals.invalid("The archive has format version " + version + ", newer than this server reads ("
                    + VERSION + "): update the server first");
        }
        if (version < 1) {
            throw Refusals.invalid("The manifest has no valid format version");
        }
        List<ExportPart> parts = new ArrayList<>();
        for (JsonNode p : json.path("parts")) {
            String name = p.path("name").asText("");
            if (!Parts.isPartName(name)) {
                throw Refusals.invalid("The manifest names an invalid part: " + name);
            }
            parts.add(new ExportPart(
                    name, p.path("size").asLong(-1), p.path("sha256").asText("")));
        }
        Map<String, Long> sequences = new TreeMap<>();
        json.path("sequences").properties().forEach(e -> {
            if (e.getValue().canConvertToLong() && e.getValue().asLong() > 0) {
                sequences.put(e.getKey(), e.getValue().asLong());
            }
        });
        return new Manifest(
                version,
                json.path("domain").asText(""),
                json.path("created_at").asText(""),
                List.copyOf(parts),
                json.path("documents").asLong(),
                json.path("files").asLong(),
                sequences);
    }
}
