package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The store on disk: every held document by doctype, and every stored query's name, definition
 * and last fetch, as one JSON file written to a temporary file and then moved over the old one,
 * so that a crash leaves either the old or the new file.
 */
public final class Persistence {
    private Persistence() {}

    /** A stored query as saved: its name, definition (as {@code Q.toJson}) and last fetch. */
    public record SavedQuery(
            String name, JsonNode definition, @Nullable Instant lastFetch) {}

    /** What a file holds. */
    public record Saved(Map<String, List<ObjectNode>> documents, List<SavedQuery> queries) {}

    public static void write(
            Path file, Map<String, ? extends Collection<ObjectNode>> documents, List<SavedQuery> queries)
            throws IOException {
        ObjectNode root = Json.object().put("version", 1);
        ObjectNode docs = root.putObject("documents");
        documents.forEach((doctype, list) -> {
            ArrayNode array = docs.putArray(doctype);
            list.forEach(array::add);
        });
        ArrayNode saved = root.putArray("queries");
        for (SavedQuery q : queries) {
            ObjectNode one = saved.addObject().put("name", q.name());
            one.set("definition", q.definition());
            if (q.lastFetch() != null) {
                one.put("lastFetch", q.lastFetch().toString());
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Json.MAPPER.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Saved read(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (root == null || root.path("version").asInt() != 1) {
            throw new IOException("Not a store file: " + file);
        }
        Map<String, List<ObjectNode>> documents = new java.util.LinkedHashMap<>();
        root.path("documents").properties().forEach(e -> {
            List<ObjectNode> list = new ArrayList<>();
            e.getValue().forEach(d -> list.add((ObjectNode) d));
            documents.put(e.getKey(), list);
        });
        List<SavedQuery> queries = new ArrayList<>();
        for (JsonNode q : root.path("queries")) {
            String fetched = q.path("lastFetch").asText(null);
            queries.add(new SavedQuery(
                    q.path("name").asText(), q.path("definition"), fetched == null ? null : Instant.parse(fetched)));
        }
        return new Saved(documents, queries);
    }
}
