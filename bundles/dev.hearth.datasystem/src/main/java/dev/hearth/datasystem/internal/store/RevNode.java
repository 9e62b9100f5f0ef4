package dev.hearth.datasystem.internal.store;

import org.jspecify.annotations.Nullable;

/** One revision in a document's revision tree. Mutable only while a write builds a new record. */
final class RevNode {
    final int pos;
    final String hash;
    /** Index of the parent in the record's node list, or -1 for a root (possibly stemmed). */
    int parent;

    boolean deleted;
    /** The revision's body (JSON object bytes); kept for leaves only. */
    byte @Nullable [] body;

    RevNode(int pos, String hash, int parent, boolean deleted, byte @Nullable [] body) {
        this.pos = pos;
        this.hash = hash;
        this.parent = parent;
        this.deleted = deleted;
        this.body = body;
    }

    String rev() {
        return pos + "-" + hash;
    }

    boolean is(int otherPos, String otherHash) {
        return pos == otherPos && hash.equals(otherHash);
    }
}
