package dev.hearth.datasystem.engine;

import org.jspecify.annotations.Nullable;

/** One revision in a document's revision tree. Mutable only while a write builds a new record. */
public final class RevNode {
    public final int pos;
    public final String hash;
    /** Index of the parent in the record's node list, or -1 for a root (possibly stemmed). */
    public int parent;

    public boolean deleted;
    /** The revision's body (JSON object bytes); kept for leaves only. */
    public byte @Nullable [] body;

    public RevNode(int pos, String hash, int parent, boolean deleted, byte @Nullable [] body) {
        this.pos = pos;
        this.hash = hash;
        this.parent = parent;
        this.deleted = deleted;
        this.body = body;
    }

    public String rev() {
        return pos + "-" + hash;
    }

    public boolean is(int otherPos, String otherHash) {
        return pos == otherPos && hash.equals(otherHash);
    }
}
