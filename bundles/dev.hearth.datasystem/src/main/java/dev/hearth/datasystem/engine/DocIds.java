package dev.hearth.datasystem.engine;

import dev.hearth.common.error.CouchException;

/**
 * The one check of document ids, used by every path that writes: single edits, both modes of
 * {@code _bulk_docs}, design documents made by {@code _index}, copies, local documents. It
 * follows CouchDB's {@code validate_docid} (not empty, not a bare {@code _design/} or
 * {@code _local/}, no other leading underscore) and adds what the store needs:
 *
 * <ul>
 *   <li>no lone surrogate: keys are stored as UTF-8, which cannot hold one, so it would come back
 *       as another id, out of order;
 *   <li>no NUL character: no URL can name such a document (the HTTP server refuses {@code %00}
 *       in paths), so it could be written through {@code _bulk_docs} but never read, updated or
 *       deleted by id.
 * </ul>
 */
public final class DocIds {
    private static final String DESIGN = "_design/";
    private static final String LOCAL = "_local/";

    private DocIds() {}

    /** Checks the id of a replicated or edited document (design documents included). */
    public static void check(String id) {
        if (id.isEmpty()) {
            throw illegal("Document id must not be empty");
        }
        if (id.equals(DESIGN) || id.equals(LOCAL)) {
            throw illegal("Illegal document id `" + id + "`");
        }
        checkCharacters(id);
        if (id.startsWith(LOCAL)) {
            throw illegal("Local documents are written through _local");
        }
        if (id.startsWith("_") && !id.startsWith(DESIGN)) {
            throw illegal("Only reserved document ids may start with underscore.");
        }
    }

    /** Checks the id of a local document, given without its {@code _local/} prefix. */
    public static void checkLocal(String id) {
        if (id.isEmpty()) {
            throw illegal("Illegal document id `_local/`");
        }
        checkCharacters(id);
    }

    /**
     * Checks a name that becomes part of a stored key or id (such as a design document or index
     * name): the character rules of ids only.
     */
    public static void checkCharacters(String id) {
        if (id.indexOf('\0') >= 0) {
            throw illegal("Document id must not contain a NUL character");
        }
        if (!isUnicode(id)) {
            throw illegal("Document id must be valid UTF-8");
        }
    }

    /** Whether the string has no lone surrogate, so that UTF-8 can hold it. */
    public static boolean isUnicode(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static CouchException illegal(String reason) {
        return new CouchException(400, "illegal_docid", reason);
    }
}
