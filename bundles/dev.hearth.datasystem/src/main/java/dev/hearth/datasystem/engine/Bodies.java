package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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

    /**
     * Reads a stored body into the document that already holds its special fields. Bodies were
     * checked for repeated members when they came in (trees hold none), so reading them again
     * skips that check, which costs a set per object.
     */
    private static final ObjectReader STORED =
            Json.mapper().reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private Bodies() {}

    /** Reads the stored {@code body} of a document into {@code doc}, after its special fields. */
    private static ObjectNode readInto(ObjectNode doc, byte[] body) throws IOException {
        return STORED.withValueToUpdate(doc).readValue(body);
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
