package dev.hearth.datasystem.internal.store;

import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.Page;

/**
 * Reads the values of several keys of a map in one walk: the keys are visited in order, and each
 * one goes back up the path of the one before only as far as the subtree that holds it. Reading
 * the ten documents an index gives for a query, one descent from the root per document spends
 * most of its time in cache lookups and key comparisons of pages the previous descent already
 * went through. Reads one version of the map (its root when called), as a series of gets does
 * when the map does not change meanwhile.
 */
final class SortedGets {
    /** More levels than a map of strings can have (a page holds at least two keys). */
    private static final int MAX_DEPTH = 64;

    private SortedGets() {}

    /** The values of {@code keys} (null for a key the map does not hold), in the order given. */
    static byte[][] values(MVMap<String, byte[]> map, List<String> keys) {
        int n = keys.size();
        byte[][] values = new byte[n][];
        Walk walk = new Walk(map.getRootPage());
        for (int i : order(keys)) {
            values[i] = walk.get(keys.get(i));
        }
        return values;
    }

    /**
     * The positions of the keys in key order. The ids of one index value usually come in order
     * already (an index key ends with the id): then nothing is sorted or boxed.
     */
    private static int[] order(List<String> keys) {
        int n = keys.size();
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            sorted &= i == 0 || keys.get(i - 1).compareTo(keys.get(i)) <= 0;
        }
        if (sorted) {
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> keys.get(a).compareTo(keys.get(b)));
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** The pages from the root to the last leaf visited, each with its exclusive upper bound. */
    private static final class Walk {
        @SuppressWarnings({"unchecked", "rawtypes"})
        private final Page<String, byte[]>[] path = new Page[MAX_DEPTH];

        /** The first key above the subtree of each page of the path; null above the root. */
        private final String[] upper = new String[MAX_DEPTH];

        private int depth;

        Walk(Page<String, byte[]> root) {
            path[0] = root;
        }

        /** The value of a key at or after the last one asked. */
        byte[] get(String key) {
            while (depth > 0 && upper[depth] != null && key.compareTo(upper[depth]) >= 0) {
                depth--;
            }
            Page<String, byte[]> page = path[depth];
            while (!page.isLeaf()) {
                int child = childIndex(page, key);
                String bound = child < page.getKeyCount() ? page.getKey(child) : upper[depth];
                page = page.getChildPage(child);
                depth++;
                path[depth] = page;
                upper[depth] = bound;
            }
            int at = indexOf(page, key);
            return at >= 0 ? page.getValue(at) : null;
        }

        /** The child of an inner page whose subtree holds the key: its keys split the children. */
        private static int childIndex(Page<String, byte[]> page, String key) {
            int at = indexOf(page, key);
            return at >= 0 ? at + 1 : -at - 1;
        }

        /** A binary search of the page's keys: the index, or -(insertion point) - 1. */
        private static int indexOf(Page<String, byte[]> page, String key) {
            int low = 0;
            int high = page.getKeyCount() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = key.compareTo(page.getKey(mid));
                if (c > 0) {
                    low = mid + 1;
                } else if (c < 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }
    }
}
