package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.mango.internal.Errors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code _find} sort specification, such as {@code ["a", {"b": "asc"}]}: field paths and the
 * one direction they all share (CouchDB refuses mixed directions).
 */
public final class Sort {
    /** Sort direction. */
    public enum Direction {
        ASC,
        DESC;

        /** {@code "asc"} or {@code "desc"}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Sort NONE = new Sort(List.of(), Direction.ASC);

    private final List<FieldPath> paths;
    private final Direction direction;

    private Sort(List<FieldPath> paths, Direction direction) {
        this.paths = List.copyOf(paths);
        this.direction = direction;
    }

    /**
     * Parses a sort specification: an array of field names (ascending) and one-member objects
     * {@code {"field": "asc" | "desc"}}.
     *
     * @throws MangoException when it is not an array, a field spec is invalid, or the directions
     *     differ
     */
    public static Sort parse(JsonNode spec) {
        if (!spec.isArray()) {
            throw Errors.sortNotArray(spec);
        }
        List<FieldPath> paths = new ArrayList<>();
        Direction direction = null;
        for (JsonNode item : spec) {
            Direction d = field(item, paths);
            if (direction != null && d != direction) {
                throw Errors.mixedSort();
            }
            direction = d;
        }
        return direction == null ? NONE : new Sort(paths, direction);
    }

    private static Direction field(JsonNode item, List<FieldPath> paths) {
        if (item.isTextual() && !item.textValue().isEmpty()) {
            paths.add(FieldPath.parse(item.textValue()));
            return Direction.ASC;
        }
        if (item.isObject() && item.size() == 1) {
            Map.Entry<String, JsonNode> only = item.properties().iterator().next();
            Optional<Direction> d = direction(only.getValue());
            if (d.isPresent() && !only.getKey().isEmpty()) {
                paths.add(FieldPath.parse(only.getKey()));
                return d.get();
            }
        }
        throw Errors.invalidSortField(item);
    }

    private static Optional<Direction> direction(JsonNode value) {
        for (Direction d : Direction.values()) {
            if (value.isTextual() && value.textValue().equals(d.jsonName())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** No sort. */
    public static Sort none() {
        return NONE;
    }

    /** Whether there is no sort field. */
    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** The sort fields, as parsed paths. */
    public List<FieldPath> paths() {
        return paths;
    }

    /** The sort fields, dotted. */
    public List<String> fields() {
        return paths.stream().map(FieldPath::toString).toList();
    }

    /** The direction of every field ({@code ASC} when there is none). */
    public Direction direction() {
        return direction;
    }

    /** The specification in CouchDB's canonical form, {@code [{"a": "asc"}, ...]}. */
    public JsonNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        paths.forEach(p -> array.addObject().put(p.toString(), direction.jsonName()));
        return array;
    }

    /**
     * Orders documents by the sort fields in collation order (a missing field first, in ascending
     * order), reversed for {@code DESC}; for sorting results in memory.
     */
    public Comparator<JsonNode> documentComparator() {
        Comparator<JsonNode> byFields = (a, b) -> {
            for (FieldPath path : paths) {
                int c = compareField(path.get(a), path.get(b));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        return direction == Direction.ASC ? byFields : byFields.reversed();
    }

    private static int compareField(Optional<JsonNode> a, Optional<JsonNode> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isPresent(), b.isPresent());
        }
        return Collation.compare(a.get(), b.get());
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
