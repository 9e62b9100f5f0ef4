package dev.hearth.mango.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.CollationKey;
import java.text.Collator;
import java.text.ParseException;
import java.text.RuleBasedCollator;
import org.jspecify.annotations.Nullable;

/**
 * Compares strings the way CouchDB's ICU root collator does, as closely as {@link
 * RuleBasedCollator} allows: tertiary strength, full decomposition, and rules built from {@code
 * root-collation.txt} (the CLDR root order of the Latin, Greek, Cyrillic and punctuation blocks).
 * Characters outside those blocks sort after them, by UTF-16 code unit. Thread-safe: each thread
 * gets its own clone, since {@code RuleBasedCollator} synchronizes every call, with a small cache
 * of recent keys (selector arguments are compared again and again); ASCII strings take a faster
 * path ({@link AsciiCollation}) that gives the same keys.
 *
 * <p>The noncharacter U+FFFF is read as U+FFFE U+FFFE: {@code RuleBasedCollator} compares it as
 * the greatest character but wraps its collation key around to the smallest, so without this the
 * key order would disagree with the comparison, and U+FFFF would not bound prefix ranges (as in
 * CouchDB, a prefix followed by U+FFFF sorts after every string with that prefix).
 */
public final class StringCollator {
    private static final String TABLE = "root-collation.txt";
    private static final RuleBasedCollator PROTOTYPE = build();
    private static final ThreadLocal<Keys> LOCAL =
            ThreadLocal.withInitial(() -> new Keys((Collator) PROTOTYPE.clone()));
    private static final AsciiCollation ASCII = new AsciiCollation(PROTOTYPE);

    private StringCollator() {}

    /**
     * Compares two strings by their collation keys, so that the order is exactly that of {@link
     * #key} ({@code RuleBasedCollator.compare} disagrees with its own keys on a few strings that
     * mix ignorable characters and accents); equal strings compare 0 at once.
     */
    public static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (ASCII.handles(a) && ASCII.handles(b)) {
            return ASCII.compare(a, b);
        }
        Keys keys = LOCAL.get();
        return Integer.signum(keys.get(a).compareTo(keys.get(b)));
    }

    /**
     * The collation key of a string: unsigned lexicographic order of these bytes is the order of
     * {@link #compare}.
     */
    public static byte[] key(String s) {
        return ASCII.handles(s) ? ASCII.key(s) : collatorKey(s);
    }

    /** The key as the collator computes it, without the ASCII fast path (for tests). */
    public static byte[] collatorKey(String s) {
        return LOCAL.get().get(s).toByteArray();
    }

    /** One thread's collator and its last keys, in a direct-mapped cache of short strings. */
    private static final class Keys {
        private static final int SLOTS = 256;
        private static final int LONGEST_CACHED = 200;

        private final Collator collator;
        private final @Nullable String[] strings = new String[SLOTS];
        private final @Nullable CollationKey[] keys = new CollationKey[SLOTS];

        Keys(Collator collator) {
            this.collator = collator;
        }

        CollationKey get(String s) {
            if (s.length() > LONGEST_CACHED) {
                return compute(s);
            }
            int slot = (s.hashCode() ^ (s.hashCode() >>> 16)) & (SLOTS - 1);
            CollationKey cached = keys[slot];
            if (cached != null && s.equals(strings[slot])) {
                return cached;
            }
            CollationKey key = compute(s);
            strings[slot] = s;
            keys[slot] = key;
            return key;
        }

        private CollationKey compute(String s) {
            String text = s.indexOf('\uffff') < 0 ? s : s.replace("\uffff", "\ufffe\ufffe");
            return collator.getCollationKey(text);
        }
    }

    private static RuleBasedCollator build() {
        try {
            RuleBasedCollator collator = new RuleBasedCollator(rules());
            collator.setStrength(Collator.TERTIARY);
            collator.setDecomposition(Collator.FULL_DECOMPOSITION);
            return collator;
        } catch (ParseException e) {
            throw new IllegalStateException("Invalid collation table " + TABLE, e);
        }
    }

    /** Turns the table into {@link RuleBasedCollator} rule syntax, quoting every character. */
    static String rules() {
        StringBuilder rules = new StringBuilder();
        try (InputStream in = StringCollator.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("Missing collation table " + TABLE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                appendRule(rules, line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules.toString();
    }

    private static void appendRule(StringBuilder rules, String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] tokens = line.split(" +");
        rules.append(' ').append(tokens[0]).append(' ');
        for (int i = 1; i < tokens.length; i++) {
            int codePoint = Integer.parseInt(tokens[i], 16);
            rules.append(codePoint == '\'' ? "'''" : "'" + Character.toString(codePoint) + "'");
        }
    }
}
