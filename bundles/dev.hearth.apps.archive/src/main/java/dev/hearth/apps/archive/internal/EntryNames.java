package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.UNSAFE_PATH;

import dev.hearth.apps.archive.ArchiveException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Entry names: strict UTF-8 decoding and the one accepted form of a relative path. A name that
 * some system could read differently (a backslash is a separator on Windows, {@code C:} a drive)
 * is refused rather than rewritten, so the jar never holds a file the archive did not plainly
 * name.
 */
final class EntryNames {
    private static final int QUOTE_MAX = 120;

    private EntryNames() {}

    /** Decodes a name, refusing bytes that are not UTF-8 instead of replacing them. */
    static String decode(byte[] bytes, int offset, int length) throws ArchiveException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ArchiveException(UNSAFE_PATH, "An entry name is not valid UTF-8");
        }
    }

    /**
     * The canonical form of a name: no leading {@code ./} (tar's usual {@code tar -C dir .}), no
     * trailing {@code /} for a directory; {@code ""} for the archive's root itself.
     *
     * @throws ArchiveException UNSAFE_PATH for anything but plain relative segments
     */
    static String normalize(String name, boolean directory) throws ArchiveException {
        checkCharacters(name);
        if (name.startsWith("/")) {
            throw unsafe(name, "is absolute");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            throw unsafe(name, "starts with a drive letter");
        }
        String path = name.startsWith("./") ? name.substring(2) : name;
        if (directory && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (directory && (path.isEmpty() || path.equals("."))) {
            return "";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw unsafe(name, "has an empty, '.' or '..' segment");
            }
        }
        return path;
    }

    /** A name fit for an error message: control characters escaped, long names shortened. */
    static String quote(String name) {
        StringBuilder out = new StringBuilder("'");
        int end = Math.min(name.length(), QUOTE_MAX);
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(name.length() > QUOTE_MAX ? "...'" : "'").toString();
    }

    private static void checkCharacters(String name) throws ArchiveException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                throw unsafe(name, "contains a backslash");
            }
            if (Character.isISOControl(c)) {
                throw unsafe(name, "contains a control character");
            }
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static ArchiveException unsafe(String name, String why) {
        return new ArchiveException(UNSAFE_PATH, "The entry " + quote(name) + " " + why);
    }
}
