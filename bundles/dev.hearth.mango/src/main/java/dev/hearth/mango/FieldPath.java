package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.internal.Paths;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A field path such as {@code "owner.name"}: segments separated by dots, {@code \.} standing for a
 * dot inside a name (CouchDB drops every other backslash too). A segment applied to an array is a
 * decimal index into it.
 */
public final class FieldPath {
    /**
     * The longest field path accepted, in characters: CouchDB sets none, but a longer name
     * could not be read back from a stored index definition.
     */
    public static final int MAX_LENGTH = Paths.MAX_LENGTH;

    private final List<String> segments;

    private FieldPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * Parses a dotted field name.
     *
     * @throws MangoException {@code Invalid field name: ...} for an empty name or segment, or a
     *     name longer than {@link #MAX_LENGTH}
     */
    public static FieldPath parse(String field) {
        return new FieldPath(Paths.parse(field));
    }

    /** A path made of the given segments, taken literally. */
    public static FieldPath of(List<String> segments) {
        if (segments.isEmpty() || segments.contains("")) {
            throw new IllegalArgumentException("A field path needs non-empty segments: " + segments);
        }
        Paths.checkLength(segments);
        return new FieldPath(segments);
    }

    /** The segments, unescaped. */
    public List<String> segments() {
        return segments;
    }

    /**
     * The value at this path, or empty when the field is missing (a JSON {@code null} value is
     * present, not missing) or the path runs through a scalar or past the end of an array.
     */
    public Optional<JsonNode> get(JsonNode document) {
        return Optional.ofNullable(Paths.lookup(document, segments).value());
    }

    /** Whether a value exists at this path. */
    public boolean existsIn(JsonNode document) {
        return Paths.lookup(document, segments).found();
    }

    /** The dotted form, with dots inside segments escaped, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return Paths.join(segments);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FieldPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
