package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Field paths as CouchDB reads them: dotted names, {@code \.} for a dot inside a name. */
public final class Paths {
    /** The outcome of a lookup: a value, a missing field, or a path through a non-container. */
    public record Lookup(@Nullable JsonNode value, boolean badPath) {
        public static final Lookup NOT_FOUND = new Lookup(null, false);
        public static final Lookup BAD_PATH = new Lookup(null, true);

        /** Whether a value was found. */
        public boolean found() {
            return value != null;
        }
    }

    /**
     * The longest field path accepted, in characters, both as written and in its dotted form.
     * CouchDB sets none, but a path can end up as a member name in a stored design document (an
     * index's fields, a partial filter), and Jackson reads no member name over 50,000
     * characters: a longer one would be stored but never read back. Real paths are a few dozen
     * characters; this leaves room for escaping and still reads back.
     */
    public static final int MAX_LENGTH = 4096;

    private Paths() {}

    /**
     * Splits a field name at every dot not preceded by a backslash, then drops every backslash
     * (as CouchDB does, so a name cannot hold a literal backslash). Empty segments are an error
     * (CouchDB lets a segment made only of backslashes become an empty name; this does not), and
     * so are names over {@link #MAX_LENGTH} characters or with a lone surrogate.
     */
    public static List<String> parse(String field) {
        if (field.length() > MAX_LENGTH) {
            throw Errors.fieldNameTooLong(field);
        }
        if (hasLoneSurrogate(field)) {
            throw Errors.invalidFieldName(field);
        }
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= field.length(); i++) {
            boolean end = i == field.length();
            if (end || (field.charAt(i) == '.' && (i == 0 || field.charAt(i - 1) != '\\'))) {
                String segment = field.substring(start, i).replace("\\", "");
                if (segment.isEmpty()) {
                    throw Errors.invalidFieldName(field);
                }
                segments.add(segment);
                start = i + 1;
            }
        }
        return List.copyOf(segments);
    }

    /**
     * Checks the dotted form of a path built from several names (as nested selector members
     * build it), which no single name shows.
     */
    public static void checkLength(List<String> segments) {
        int length = segments.size() - 1;
        for (String segment : segments) {
            length += segment.length();
            for (int i = segment.indexOf('.'); i >= 0; i = segment.indexOf('.', i + 1)) {
                length++;
            }
            if (length > MAX_LENGTH) {
                throw Errors.fieldNameTooLong(join(segments));
            }
        }
    }

    /**
     * Whether a name holds a lone surrogate: no document member can have one (JSON parsers refuse
     * it in names), and a stored index declaring one could not be read back.
     */
    private static boolean hasLoneSurrogate(String s) {
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

    /** Joins segments with dots, escaping the dots inside segments, so that parse reverses it. */
    public static String join(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(segment.replace(".", "\\."));
        }
        return sb.toString();
    }

    /**
     * Follows a path: object members by name, array elements by decimal index. A missing member is
     * {@link Lookup#NOT_FOUND}; stepping into a scalar, a non-numeric or out-of-range array index
     * is {@link Lookup#BAD_PATH}.
     */
    public static Lookup lookup(JsonNode root, List<String> path) {
        JsonNode current = root;
        for (String name : path) {
            if (current.isObject()) {
                current = current.get(name);
                if (current == null) {
                    return Lookup.NOT_FOUND;
                }
            } else if (current.isArray()) {
                int index = arrayIndex(name);
                if (index < 0 || index >= current.size()) {
                    return Lookup.BAD_PATH;
                }
                current = current.get(index);
            } else {
                return Lookup.BAD_PATH;
            }
        }
        return new Lookup(current, false);
    }

    /** An array index as Erlang's binary_to_integer reads it (optional sign), or -1. */
    public static int arrayIndex(String name) {
        int start = name.startsWith("+") || name.startsWith("-") ? 1 : 0;
        if (start == name.length() || name.length() - start > 10) {
            return -1;
        }
        for (int i = start; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        long value = Long.parseLong(name.substring(start));
        return (name.startsWith("-") && value != 0) || value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
