package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a selector's top-level {@code $and} requires of one field, for planning an index scan:
 * every document the selector matches has a value within these bounds, in the {@code $in}
 * values, and present or absent as {@link #exists()} says. It is a necessary condition, not a
 * sufficient one: the selector must still be applied to each scanned document.
 *
 * <p>Bounds come from {@code $eq}, {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}, {@code
 * $beginsWith} (from the prefix to the prefix followed by U+FFFF, as CouchDB does), and from the
 * operators that imply a type ({@code $type}, {@code $regex}, {@code $size}, {@code $mod}, {@code
 * $all}, {@code $elemMatch}, {@code $allMatch}, {@code $keyMapMatch}), expressed with the smallest
 * values of the neighbouring types (a string lies in {@code ["", [])}). They compare in {@link
 * Collation} order, except for {@code _id}, which compares in {@linkplain Collation#compareRaw raw}
 * order ({@link #rawOrder()}) and gets no type bounds. Beware that {@code $in} also matches an
 * array holding one of the values, and an index keyed on the whole array does not find it by
 * those values.
 */
public final class FieldCondition {
    /** One end of a range: a value and whether the value itself is included. */
    public record Bound(JsonNode value, boolean inclusive) {}

    private final @Nullable Bound lower;
    private final @Nullable Bound upper;
    private final @Nullable Boolean exists;
    private final @Nullable List<JsonNode> in;
    private final boolean unsatisfiable;
    private final boolean rawOrder;

    FieldCondition(
            @Nullable Bound lower,
            @Nullable Bound upper,
            @Nullable Boolean exists,
            @Nullable List<JsonNode> in,
            boolean unsatisfiable,
            boolean rawOrder) {
        this.lower = lower;
        this.upper = upper;
        this.exists = exists;
        this.in = in == null ? null : List.copyOf(in);
        this.unsatisfiable = unsatisfiable;
        this.rawOrder = rawOrder;
    }

    /** The greatest lower bound, if any. */
    public Optional<Bound> lower() {
        return Optional.ofNullable(lower);
    }

    /** The least upper bound, if any. */
    public Optional<Bound> upper() {
        return Optional.ofNullable(upper);
    }

    /** The single value allowed, when the bounds meet (from {@code $eq}, or equal inclusive bounds). */
    public Optional<JsonNode> equalTo() {
        if (lower == null || upper == null || !lower.inclusive() || !upper.inclusive()) {
            return Optional.empty();
        }
        return compare(lower.value(), upper.value()) == 0 ? Optional.of(lower.value()) : Optional.empty();
    }

    /**
     * {@code true} when the field must exist (any condition but {@code $exists: false} requires
     * it), {@code false} when it must be missing, empty when the selector does not say.
     */
    public Optional<Boolean> exists() {
        return Optional.ofNullable(exists);
    }

    /** The values of an {@code $in} on this field (the shortest, if there are several). */
    public Optional<List<JsonNode>> in() {
        return Optional.ofNullable(in);
    }

    /** Whether no value can satisfy these conditions together, so the selector matches nothing. */
    public boolean isUnsatisfiable() {
        return unsatisfiable;
    }

    /** Whether bounds compare in raw order (the {@code _id} field) rather than collation order. */
    public boolean rawOrder() {
        return rawOrder;
    }

    /**
     * Whether a field value (null for a missing field) satisfies this condition, as a scan would
     * check it; a document the selector matches always does.
     */
    public boolean admits(@Nullable JsonNode value) {
        if (unsatisfiable) {
            return false;
        }
        if (value == null) {
            return !Boolean.TRUE.equals(exists);
        }
        return !Boolean.FALSE.equals(exists) && withinBounds(value) && (in == null || inValues(value));
    }

    private boolean withinBounds(JsonNode value) {
        if (lower != null) {
            int c = compare(value, lower.value());
            if (c < 0 || (c == 0 && !lower.inclusive())) {
                return false;
            }
        }
        if (upper != null) {
            int c = compare(value, upper.value());
            return c < 0 || (c == 0 && upper.inclusive());
        }
        return true;
    }

    private boolean inValues(JsonNode value) {
        List<JsonNode> values = in == null ? List.of() : in;
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (values.stream().anyMatch(v -> compare(element, v) == 0)) {
                    return true;
                }
            }
            return false;
        }
        return values.stream().anyMatch(v -> compare(value, v) == 0);
    }

    private int compare(JsonNode a, JsonNode b) {
        return rawOrder ? Collation.compareRaw(a, b) : Collation.compare(a, b);
    }

    @Override
    public String toString() {
        return "FieldCondition[lower=" + lower + ", upper=" + upper + ", exists=" + exists + ", in=" + in
                + (unsatisfiable ? ", unsatisfiable" : "") + (rawOrder ? ", raw" : "") + "]";
    }
}
