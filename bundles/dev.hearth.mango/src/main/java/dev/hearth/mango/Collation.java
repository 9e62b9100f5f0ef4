package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.internal.JsonCompare;
import dev.hearth.mango.internal.StringCollator;
import java.util.Comparator;

/**
 * CouchDB's view collation of JSON values: {@code null < false < true < numbers < strings <
 * arrays < objects}, numbers by value, strings by the Unicode Collation Algorithm, arrays element
 * by element then by length, objects member by member (key, then value, in document order) then
 * by size.
 *
 * <p>Strings use a {@link java.text.RuleBasedCollator} loaded with the CLDR root order of the
 * Latin, Greek, Cyrillic, punctuation and currency blocks (the order ICU gives CouchDB), at
 * tertiary strength with full decomposition; the tests check it against sequences ordered by ICU.
 * Known differences from ICU: characters outside those blocks (other scripts, symbols, emoji) sort
 * after them by code unit instead of by their UCA weights; compatibility variants (such as "²" and
 * "2", or a no-break space and a space) compare equal where ICU gives them a tertiary difference;
 * expansions such as "æ" (as "ae") and "ß" (as "ss") differ from their expansion at the tertiary
 * rather than the secondary level; the noncharacter U+FFFF sorts as U+FFFE U+FFFE, after every
 * other character; and a few strings mixing ignorable characters with accents order slightly
 * differently. Like ICU's, this comparison may find distinct strings equal (for example when they
 * differ only by ignorable characters such as U+200B).
 */
public final class Collation {
    private static final Comparator<JsonNode> COLLATION = Collation::compare;
    private static final Comparator<JsonNode> RAW = Collation::compareRaw;

    private Collation() {}

    /** Compares two JSON values in CouchDB collation order; returns -1, 0 or 1. */
    public static int compare(JsonNode a, JsonNode b) {
        return JsonCompare.collate(a, b);
    }

    /** Whether two values collate equal (so {@code 1} and {@code 1.0} are equal). */
    public static boolean equal(JsonNode a, JsonNode b) {
        return compare(a, b) == 0;
    }

    /** The collation order as a comparator. */
    public static Comparator<JsonNode> comparator() {
        return COLLATION;
    }

    /** Compares two strings by Unicode collation; returns -1, 0 or 1. */
    public static int compareStrings(String a, String b) {
        return StringCollator.compare(a, b);
    }

    /**
     * CouchDB's "raw" order (Erlang term order), which it uses for document ids: numbers, false,
     * null, true, objects, arrays, then strings compared by code point (UTF-8 byte order).
     */
    public static int compareRaw(JsonNode a, JsonNode b) {
        return JsonCompare.raw(a, b);
    }

    /** The raw order as a comparator. */
    public static Comparator<JsonNode> rawComparator() {
        return RAW;
    }
}
