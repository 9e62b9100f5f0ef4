package dev.hearth.apps.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Paths inside an app: every path that comes from a manifest, a header or a request goes through
 * {@link #normalize} before it names a bundle entry, so that none can leave the app's folder.
 */
public final class AppPaths {

    private AppPaths() {}

    /**
     * The path as a relative entry name: {@code a/b/c}, or the empty string for the folder itself.
     * Empty and {@code .} segments are dropped and {@code ..} removes the segment before it.
     *
     * @return empty when a {@code ..} would go above the start, or a segment holds a backslash or a
     *     control character (names no app file should have, and that some tools read as
     *     separators or terminators)
     */
    public static Optional<String> normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else if (isPlainName(segment)) {
                segments.addLast(segment);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(String.join("/", segments));
    }

    private static boolean isPlainName(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
