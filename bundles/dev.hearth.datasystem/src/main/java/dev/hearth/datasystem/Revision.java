package dev.hearth.datasystem;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One revision of a document as read from a database.
 *
 * @param body the document's own fields as a JSON object (UTF-8), without {@code _id} or
 *     {@code _rev}
 * @param ancestry the revision hashes from this one to the oldest known, when asked for
 * @param conflicts the revisions of the conflicting leaves, when asked for
 */
public record Revision(
        String id,
        String rev,
        boolean deleted,
        byte[] body,
        @Nullable List<String> ancestry,
        @Nullable List<String> conflicts) {

    /** The position of the revision ({@code N} of {@code N-hash}). */
    public int pos() {
        return Integer.parseInt(rev.substring(0, rev.indexOf('-')));
    }
}
