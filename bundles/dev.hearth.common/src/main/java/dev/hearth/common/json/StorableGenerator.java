package dev.hearth.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import dev.hearth.common.error.CouchException;
import java.io.IOException;

/**
 * A generator that refuses what would not read back as it was written, for JSON that is stored:
 *
 * <ul>
 *   <li>non-finite numbers, which Jackson would write as the strings {@code "NaN"} or
 *       {@code "Infinity"};
 *   <li>member names with a lone surrogate, which Jackson writes as an escape that its own
 *       parser then refuses in a name, so the stored document could never be read again.
 * </ul>
 *
 * It catches the trees that code builds (those parsed by {@link Json#mapper()} hold neither), at
 * no cost beyond the writing.
 */
final class StorableGenerator extends JsonGeneratorDelegate {

    StorableGenerator(JsonGenerator out) {
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

    @Override
    public void writeFieldName(String name) throws IOException {
        if (hasLoneSurrogate(name)) {
            throw new CouchException(400, "bad_request", "Member names must be valid Unicode");
        }
        super.writeFieldName(name);
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
