package dev.hearth.mango;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.mango.internal.StringCollator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * String collation against sequences that ICU 72's root collator (the one CouchDB uses) puts in
 * strictly increasing order, and the known differences from it.
 */
class StringCollationTest {
    static List<List<String>> icuOrderedSequences() {
        return List.of(
                // every printable ASCII character: symbols, then digits, then letters with case as a tie-break
                List.of(
                        " ", "_", "-", ",", ";", ":", "!", "?", ".", "'", "\"", "(", ")", "[", "]", "{", "}", "@", "*",
                        "/", "\\", "&", "#", "%", "`", "^", "+", "<", "=", ">", "|", "~", "$", "0", "1", "2", "3", "4",
                        "5", "6", "7", "8", "9", "a", "A", "b", "B", "c", "C", "d", "D", "e", "E", "f", "F", "g", "G",
                        "h", "H", "i", "I", "j", "J", "k", "K", "l", "L", "m", "M", "n", "N", "o", "O", "p", "P", "q",
                        "Q", "r", "R", "s", "S", "t", "T", "u", "U", "v", "V", "w", "W", "x", "X", "y", "Y", "z", "Z"),
                // CouchDB's documentation: view collation examples and key ranges
                List.of("a", "A", "aa", "b", "B", "ba", "bb"),
                List.of("abc", "Abc", "ABC", "abc1", "AbcZZZZZ"),
                // punctuation and spaces are not ignored
                List.of("a b", "a-b", "a.b", "ab", "Ab", "ab-"),
                List.of(
                        "file 1.txt",
                        "file_1.txt",
                        "file-1.txt",
                        "file.1.txt",
                        "file1.txt",
                        "File1.txt",
                        "file10.txt",
                        "file2.txt"),
                List.of("2026-01-09", "2026-01-10", "2026-1-1"),
                // accents are secondary differences, compared left to right; case is tertiary
                List.of("cote", "cot\u00e9", "c\u00f4te", "c\u00f4t\u00e9"),
                List.of("e", "\u00e9", "\u00e8", "\u00ea", "\u00eb", "f"),
                List.of("resume", "Resume", "r\u00e9sum\u00e9", "R\u00e9sum\u00e9", "r\u00e9sum\u00e9s"),
                // letters with a stroke, and expansions
                List.of("d", "D", "\u0111", "\u0110", "\u00f0", "e"),
                List.of("l", "\u0142", "\u0141", "m"),
                List.of("o", "\u00f8", "\u00d8", "oe", "\u0153", "\u0152", "of"),
                List.of("ss", "\u00df", "st"),
                // Greek, then Cyrillic, each with case as a tie-break
                List.of(
                        "z", "\u03b1", "\u0391", "\u03b2", "\u03c9", "\u03a9", "\u0430", "\u0410", "\u0431", "\u0435",
                        "\u0451", "\u0401", "\u0436", "\u044f", "\u042f"));
    }

    @ParameterizedTest
    @MethodSource("icuOrderedSequences")
    void followsIcuRootOrder(List<String> sequence) {
        for (int i = 0; i < sequence.size(); i++) {
            for (int j = 0; j < sequence.size(); j++) {
                assertThat(Collation.compareStrings(sequence.get(i), sequence.get(j)))
                        .as("compare(%s, %s)", sequence.get(i), sequence.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void canonicallyEquivalentAndIgnorableDifferencesCompareEqual() {
        assertThat(Collation.compareStrings("\u00e9", "e\u0301")).isZero();
        assertThat(Collation.compareStrings("c", "c\u200b")).isZero();
        // a soft hyphen is ignorable, a hyphen is not
        assertThat(Collation.compareStrings("coop", "co\u00adop")).isZero();
        assertThat(Collation.compareStrings("co-op", "coop")).isNegative();
    }

    /** ASCII strings take a fast path that must give exactly the collator's keys and order. */
    @Test
    void asciiFastPathAgreesWithTheCollator() {
        Random random = new Random(11L);
        String alphabet = "\t\n\r \u0001\u007f_-.,:!?'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBmMzZ\u00e9";
        for (int i = 0; i < 20_000; i++) {
            String a = randomString(random, alphabet);
            String b = random.nextInt(4) == 0 ? a.toUpperCase(Locale.ROOT) : randomString(random, alphabet);
            byte[] ka = StringCollator.collatorKey(a);
            assertThat(StringCollator.key(a)).as("key of %s", a).isEqualTo(ka);
            assertThat(StringCollator.compare(a, b))
                    .as("compare(%s, %s)", a, b)
                    .isEqualTo(Integer.signum(Arrays.compareUnsigned(ka, StringCollator.collatorKey(b))));
        }
    }

    private static String randomString(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Differences from ICU, pinned so that a change of behaviour is noticed. */
    @Test
    void knownDifferencesFromIcu() {
        // compatibility variants collate equal (ICU: a tertiary difference)
        assertThat(Collation.compareStrings("x\u00b2", "x2")).isZero();
        assertThat(Collation.compareStrings("a\u00a0b", "a b")).isZero();
        // characters outside the tabulated blocks sort after all of them (ICU: emoji before digits)
        assertThat(Collation.compareStrings("\ud83d\ude00", "z")).isPositive();
        assertThat(Collation.compareStrings("\ud83d\ude00", "\u044f")).isPositive();
        // U+FFFF sorts last, and reads as U+FFFE U+FFFE
        assertThat(Collation.compareStrings("\uffff", "\ud83d\ude00")).isPositive();
        assertThat(Collation.compareStrings("\uffff", "\ufffe\ufffe")).isZero();
    }
}
