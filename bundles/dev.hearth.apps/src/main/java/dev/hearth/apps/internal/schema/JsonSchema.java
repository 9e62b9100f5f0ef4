package dev.hearth.apps.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled JSON Schema, enforcing a delimited subset of draft 2020-12 (see {@link Keywords}):
 * compiled once, when the app is deployed, then applied to each document written. Immutable, so
 * safe to share between threads.
 */
public final class JsonSchema {
    private final SchemaNode root;

    private JsonSchema(SchemaNode root) {
        this.root = root;
    }

    /**
     * Compiles a schema.
     *
     * @throws InvalidSchemaException naming the place in the schema at fault and why: a malformed
     *     keyword, an invalid regular expression, or a keyword outside the subset (refused rather
     *     than ignored, so that no author believes a rule is enforced when it is not)
     */
    public static JsonSchema compile(JsonNode schema) throws InvalidSchemaException {
        return new JsonSchema(SchemaNode.compile(schema, ""));
    }

    /**
     * The violations of a document, each as {@code <JSON pointer>: <what is wrong> (<keyword>)};
     * empty when it is valid. CouchDB's special members of the document (top-level names starting
     * with {@code _}, such as {@code _id} and {@code _rev}) are not part of what is validated.
     */
    public List<String> violations(ObjectNode document) {
        ObjectNode own = document.objectNode();
        for (Map.Entry<String, JsonNode> member : document.properties()) {
            if (!member.getKey().startsWith("_")) {
                own.set(member.getKey(), member.getValue());
            }
        }
        List<String> out = new ArrayList<>();
        root.check(own, "", out);
        return out;
    }
}
