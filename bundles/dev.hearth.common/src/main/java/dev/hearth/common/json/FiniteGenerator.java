package dev.hearth.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * A generator that refuses non-finite numbers instead of writing them as the strings
 * {@code "NaN"} or {@code "Infinity"}: what is stored must read back as the number it was. It
 * catches the nodes that code builds without {@link Json#mapper()} (whose factory refuses them
 * already), as the checking costs nothing more than the writing.
 */
final class FiniteGenerator extends JsonGeneratorDelegate {

    FiniteGenerator(JsonGenerator out) {
        super(out, false);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (!Double.isFinite(v)) {
            throw FiniteNodeFactory.notFinite();
        }
        super.writeNumber(v);
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (!Float.isFinite(v)) {
            throw FiniteNodeFactory.notFinite();
        }
        super.writeNumber(v);
    }
}
