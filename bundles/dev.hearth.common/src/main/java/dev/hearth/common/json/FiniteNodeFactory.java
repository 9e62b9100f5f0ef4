package dev.hearth.common.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import dev.hearth.common.error.CouchException;
import org.jspecify.annotations.Nullable;

/**
 * The node factory of Hearth's mapper: it refuses the numbers JSON cannot carry. Jackson reads
 * {@code 1e999999} as a double, which overflows to infinity; written back, that infinity becomes
 * the string {@code "Infinity"}, so a client would read back something other than what it wrote.
 * Refusing here covers every tree that Hearth parses (documents, selectors, bulk requests) and
 * every node its code makes through {@link Json#mapper()}.
 *
 * <p>The refusal is a {@link CouchException} rather than a parse exception because the factory
 * cannot throw checked exceptions; it is a 400 wherever it surfaces.
 */
final class FiniteNodeFactory extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    static final FiniteNodeFactory INSTANCE = new FiniteNodeFactory();

    private FiniteNodeFactory() {
        super();
    }

    /** Refused: a number that is infinite or not a number. */
    static CouchException notFinite() {
        return new CouchException(400, "bad_request", "Numbers must be finite: this one overflows a double");
    }

    @Override
    public NumericNode numberNode(double v) {
        if (!Double.isFinite(v)) {
            throw notFinite();
        }
        return super.numberNode(v);
    }

    @Override
    public NumericNode numberNode(float v) {
        if (!Float.isFinite(v)) {
            throw notFinite();
        }
        return super.numberNode(v);
    }

    @Override
    public ValueNode numberNode(@Nullable Double value) {
        return value == null ? nullNode() : numberNode(value.doubleValue());
    }

    @Override
    public ValueNode numberNode(@Nullable Float value) {
        return value == null ? nullNode() : numberNode(value.floatValue());
    }
}
