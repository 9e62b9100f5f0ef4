package dev.hearth.mango.internal;

import java.util.regex.Pattern;

/**
 * Runs a regular expression search with a bound on the work it may do, as Erlang's {@code re}
 * has a match limit: a search that exceeds it (catastrophic backtracking) or that overflows the
 * stack counts as no match, as it does in CouchDB.
 */
final class BoundedRegex {
    /** Characters a single search may read. */
    static final long BUDGET = 5_000_000L;

    private BoundedRegex() {}

    static boolean find(Pattern pattern, String text) {
        try {
            return pattern.matcher(new Counted(text, new long[] {BUDGET})).find();
        } catch (Exhausted | StackOverflowError e) {
            return false;
        }
    }

    private static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    /** A string whose reads draw on a shared budget. */
    private record Counted(String text, long[] budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
