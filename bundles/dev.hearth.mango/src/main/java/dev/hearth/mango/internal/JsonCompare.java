package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.JsonType;
import java.util.Iterator;
import java.util.Map;

/**
 * The two orders CouchDB uses on JSON values: its view collation (types ranked null, false,
 * true, numbers, strings, arrays, objects; strings by Unicode collation) and the "raw" order of
 * Erlang terms (used for document ids: numbers, false, null, true, objects, arrays, then strings
 * by code point).
 */
public final class JsonCompare {
    private JsonCompare() {}

    /** CouchDB view collation; returns -1, 0 or 1. */
    public static int collate(JsonNode a, JsonNode b) {
        int rank = Integer.compare(collationRank(a), collationRank(b));
        if (rank != 0) {
            return rank;
        }
        return switch (JsonType.of(a)) {
            case NULL, BOOLEAN -> 0;
            case NUMBER -> Numbers.compare(a, b);
            case STRING -> StringCollator.compare(a.asText(), b.asText());
            case ARRAY -> compareArrays(a, b, false);
            case OBJECT -> compareObjects(a, b, false);
        };
    }

    /** Erlang term order of the EJSON form of the values; returns -1, 0 or 1. */
    public static int raw(JsonNode a, JsonNode b) {
        int rank = Integer.compare(rawRank(a), rawRank(b));
        if (rank != 0) {
            return rank;
        }
        return switch (JsonType.of(a)) {
            case NULL, BOOLEAN -> 0;
            case NUMBER -> Numbers.compare(a, b);
            case STRING -> compareCodePoints(a.asText(), b.asText());
            case ARRAY -> compareArrays(a, b, true);
            case OBJECT -> compareObjects(a, b, true);
        };
    }

    /** Rank of a value's type in collation order: null 0, false 1, true 2, then 3 to 6. */
    public static int collationRank(JsonNode n) {
        return switch (JsonType.of(n)) {
            case NULL -> 0;
            case BOOLEAN -> n.booleanValue() ? 2 : 1;
            case NUMBER -> 3;
            case STRING -> 4;
            case ARRAY -> 5;
            case OBJECT -> 6;
        };
    }

    private static int rawRank(JsonNode n) {
        return switch (JsonType.of(n)) {
            case NUMBER -> 0;
            case BOOLEAN -> n.booleanValue() ? 3 : 1;
            case NULL -> 2;
            case OBJECT -> 4;
            case ARRAY -> 5;
            case STRING -> 6;
        };
    }

    /** Compares strings by code point (the byte order of their UTF-8 forms). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int compareArrays(JsonNode a, JsonNode b, boolean raw) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = raw ? raw(a.get(i), b.get(i)) : collate(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareObjects(JsonNode a, JsonNode b, boolean raw) {
        Iterator<Map.Entry<String, JsonNode>> ia = a.properties().iterator();
        Iterator<Map.Entry<String, JsonNode>> ib = b.properties().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, JsonNode> ea = ia.next();
            Map.Entry<String, JsonNode> eb = ib.next();
            int c = raw
                    ? compareCodePoints(ea.getKey(), eb.getKey())
                    : StringCollator.compare(ea.getKey(), eb.getKey());
            if (c == 0) {
                c = raw ? raw(ea.getValue(), eb.getValue()) : collate(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }
}
