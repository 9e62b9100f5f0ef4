package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** Stored bodies (JSON objects without the special fields) and the documents they make. */
public final class Bodies {
    /** Reads one member's value of a body, the parser going on past it. */
    private static final ObjectReader VALUE =
            Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads a stored body into the document that already holds its special fields. */
    private static final ObjectReader STORED = Json.mapper().reader();

    private Bodies() {}

    /** Reads the stored {@code body} of a document into {@code doc}, after its special fields. */
    private static ObjectNode readInto(ObjectNode doc, byte[] body) throws IOException {
        // Bodies were checked for repeated members when they came in: the read skips the check
        // (told to the parser itself, as a reader's switch does not undo the factory's).
        try (JsonParser in = Json.mapper().createParser(body)) {
            in.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return STORED.withValueToUpdate(doc).readValue(in);
        }
    }

    /** The document of a revision as a tree: {@code _id}, {@code _rev} and the body's fields. */
    public static ObjectNode document(String id, String rev, byte[] body) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("_rev", rev);
        try {
            return readInto(doc, body);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored body of " + id + " is not JSON", e);
        }
    }

    /**
     * The document of a revision reduced to {@code _id}, {@code _rev} and the named top-level
     * fields of the body: the others are skipped by the parser, never built, and the parser
     * stops once it has them all.
     */
    public static ObjectNode fields(String id, String rev, byte[] body, Set<String> names) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("_rev", rev);
        if (names.isEmpty()) {
            return doc;
        }
        try (JsonParser in = Json.mapper().createParser(body)) {
            in.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // checked on the way in
            in.nextToken();
            int left = names.size();
            while (left > 0 && in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                if (names.contains(name)) {
                    doc.set(name, VALUE.readTree(in));
                    left--;
                } else {
                    in.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A stored body of " + id + " is not JSON", e);
        }
        return doc;
    }
}
