package dev.hearth.jobs.internal.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of an {@code @event} trigger: space-separated {@code
 * doctype[:VERBS[:values[:selector]]]}. Verbs are a comma-separated subset of {@code
 * CREATED,UPDATED,DELETED} (empty: all). Values are compared with the document's id, or with the
 * field the selector names (a dotted path); the value {@code !=} means "the selector field
 * changed".
 */
public final class EventSpec {

    /** The verbs an event trigger listens to. */
    public enum Verb {
        CREATED,
        UPDATED,
        DELETED
    }

    /** One space-separated part. */
    public record Part(
            String doctype,
            Set<Verb> verbs,
            List<String> values,
            @Nullable String selector) {

        /** Whether this part asks for a change of its selector field. */
        public boolean changed() {
            return values.contains("!=");
        }
    }

    private final List<Part> parts;

    private EventSpec(List<Part> parts) {
        this.parts = parts;
    }

    public List<Part> parts() {
        return parts;
    }

    /**
     * Parses the arguments.
     *
     * @throws TriggerSyntaxException naming the part that does not parse
     */
    public static EventSpec parse(String arguments) {
        if (arguments.isBlank()) {
            throw new TriggerSyntaxException("@event needs at least one doctype");
        }
        List<Part> parts = new ArrayList<>();
        for (String raw : arguments.trim().split("\\s+")) {
            parts.add(part(raw));
        }
        return new EventSpec(parts);
    }

    private static Part part(String raw) {
        String[] pieces = raw.split(":", 4);
        String doctype = pieces[0];
        if (!Doctypes.isValid(doctype)) {
            throw new TriggerSyntaxException("\"" + doctype + "\" in \"" + raw + "\" is not a doctype");
        }
        Set<Verb> verbs = EnumSet.allOf(Verb.class);
        if (pieces.length > 1 && !pieces[1].isEmpty()) {
            verbs = EnumSet.noneOf(Verb.class);
            for (String v : pieces[1].split(",", -1)) {
                try {
                    verbs.add(Verb.valueOf(v));
                } catch (IllegalArgumentException e) {
                    throw new TriggerSyntaxException(
                            "\"" + v + "\" in \"" + raw + "\" is not a verb (CREATED, UPDATED, DELETED)");
                }
            }
        }
        List<String> values = pieces.length > 2 && !pieces[2].isEmpty() ? List.of(pieces[2].split(",", -1)) : List.of();
        String selector = pieces.length > 3 && !pieces[3].isEmpty() ? pieces[3] : null;
        if (values.contains("!=") && (selector == null || values.size() > 1)) {
            throw new TriggerSyntaxException("\"!=\" in \"" + raw + "\" needs a selector and no other value");
        }
        return new Part(doctype, Set.copyOf(verbs), values, selector);
    }

    /**
     * Whether a part matches the event, given the selector field's previous value.
     *
     * @param previous what the part's selector field held before this event (for {@code !=}),
     *     or null when unknown: an unknown previous value counts as a change
     */
    public static boolean matches(Part part, String doctype, Verb verb, ObjectNode doc, @Nullable JsonNode previous) {
        if (!part.doctype().equals(doctype) || !part.verbs().contains(verb)) {
            return false;
        }
        if (part.values().isEmpty()) {
            return true;
        }
        if (part.changed()) {
            JsonNode now = field(doc, part.selector());
            return previous == null || !previous.equals(now);
        }
        if (part.selector() == null) {
            return part.values().contains(doc.path("_id").asText());
        }
        JsonNode value = field(doc, part.selector());
        if (value.isArray()) {
            for (JsonNode v : value) {
                if (part.values().contains(v.asText())) {
                    return true;
                }
            }
            return false;
        }
        return value.isValueNode() && !value.isNull() && part.values().contains(value.asText());
    }

    /** The field at a dotted path, or a missing node. */
    public static JsonNode field(JsonNode doc, @Nullable String path) {
        JsonNode node = doc;
        if (path == null) {
            return node;
        }
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        return node;
    }
}
