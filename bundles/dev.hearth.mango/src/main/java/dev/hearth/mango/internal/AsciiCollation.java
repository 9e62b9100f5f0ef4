package dev.hearth.mango.internal;

import java.text.Collator;

/**
 * A fast path for strings made only of ASCII characters that each have one collation element
 * (every printable character, tab and line breaks; not the ignorable control characters). Their
 * collation key is, as {@link java.text.RuleBasedCollator} builds it, the primary weights, 0, the
 * secondary weights, 0, the tertiary weights, one 16-bit unit per character; the weights are read
 * from the collator itself, so this gives exactly its keys, only much faster.
 */
final class AsciiCollation {
    private final char[] primary = new char[128];
    private final char[] secondary = new char[128];
    private final char[] tertiary = new char[128];

    /** Reads the weights of each ASCII character from its key in the given collator. */
    AsciiCollation(Collator collator) {
        for (char c = 0; c < 128; c++) {
            byte[] key = collator.getCollationKey(String.valueOf(c)).toByteArray();
            if (key.length == 10 && unit(key, 1) == 0 && unit(key, 3) == 0 && unit(key, 0) != 0) {
                primary[c] = unit(key, 0);
                secondary[c] = unit(key, 2);
                tertiary[c] = unit(key, 4);
            }
        }
    }

    private static char unit(byte[] key, int index) {
        return (char) (((key[2 * index] & 0xFF) << 8) | (key[2 * index + 1] & 0xFF));
    }

    /** Whether the fast path applies to this string. */
    boolean handles(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || primary[c] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares two strings this handles, as their keys compare. */
    int compare(String a, String b) {
        int c = compare(a, b, primary);
        if (c == 0 && a.length() == b.length()) {
            c = compare(a, b, secondary);
            if (c == 0) {
                c = compare(a, b, tertiary);
            }
        }
        return c;
    }

    private static int compare(String a, String b, char[] weights) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int c = Character.compare(weights[a.charAt(i)], weights[b.charAt(i)]);
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** The collation key of a string this handles, byte for byte what the collator gives. */
    byte[] key(String s) {
        int n = s.length();
        byte[] key = new byte[(3 * n + 2) * 2];
        int at = 0;
        at = weights(s, primary, key, at);
        at += 2;
        at = weights(s, secondary, key, at);
        at += 2;
        weights(s, tertiary, key, at);
        return key;
    }

    private static int weights(String s, char[] weights, byte[] key, int at) {
        for (int i = 0; i < s.length(); i++) {
            char w = weights[s.charAt(i)];
            key[at++] = (byte) (w >>> 8);
            key[at++] = (byte) w;
        }
        return at;
    }
}
