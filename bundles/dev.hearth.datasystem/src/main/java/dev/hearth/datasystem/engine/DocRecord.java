package dev.hearth.datasystem.engine;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A document as stored: its revision tree (CouchDB semantics) and its update sequence.
 *
 * <p>The winning revision is the non-deleted leaf with the highest position, then the highest
 * hash; only when every leaf is deleted does a deleted leaf win. Bodies are kept for leaves only.
 * The tree is stemmed to {@code revsLimit} revisions per branch.
 */
public final class DocRecord {
    /**
     * Doctypes whose deletions keep the body of the revision they delete, as CouchDB keeps old
     * revisions until a compaction: a konnector's {@code on_delete_account} script reads the
     * deleted account with {@code GET /data/io.cozy.accounts/:id?rev=<its last revision>}. Other
     * doctypes keep only their tombstones.
     */
    private static final Set<String> KEEP_DELETED_BODY = Set.of("io.cozy.accounts");

    public final String id;
    public long seq;
    public final ArrayList<RevNode> nodes;

    public DocRecord(String id, long seq, ArrayList<RevNode> nodes) {
        this.id = id;
        this.seq = seq;
        this.nodes = nodes;
    }

    public static DocRecord empty(String id) {
        return new DocRecord(id, 0, new ArrayList<>());
    }

    /** Whether a deletion in this doctype keeps the body of the revision it deletes. */
    public static boolean keepsDeletedBody(String doctype) {
        return KEEP_DELETED_BODY.contains(doctype);
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** For each node, whether some node has it as parent. */
    private boolean[] hasChild() {
        boolean[] parent = new boolean[nodes.size()];
        for (RevNode n : nodes) {
            if (n.parent >= 0) {
                parent[n.parent] = true;
            }
        }
        return parent;
    }

    /** Indexes of the leaves. */
    public List<Integer> leaves() {
        boolean[] hasChild = hasChild();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!hasChild[i]) {
                out.add(i);
            }
        }
        return out;
    }

    public boolean isLeaf(int index) {
        for (RevNode n : nodes) {
            if (n.parent == index) {
                return false;
            }
        }
        return true;
    }

    /** Index of the winning revision, or -1 for an empty record. */
    public int winner() {
        int best = -1;
        for (int i : leaves()) {
            if (best < 0 || beats(nodes.get(i), nodes.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static boolean beats(RevNode a, RevNode b) {
        if (a.deleted != b.deleted) {
            return !a.deleted;
        }
        if (a.pos != b.pos) {
            return a.pos > b.pos;
        }
        return a.hash.compareTo(b.hash) > 0;
    }

    public RevNode winnerNode() {
        return nodes.get(winner());
    }

    /** Index of the node with this revision, or -1. */
    public int find(int pos, String hash) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).is(pos, hash)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The revision {@code rev} of the document, or its winner, with its ancestry and conflicts.
     *
     * @throws CouchException 404 {@code missing} for an unknown revision or one whose body is not
     *     kept, {@code deleted} when the winner is deleted and no revision was named
     */
    public Revision revision(@Nullable String rev) {
        int index = rev == null ? winner() : find(rev);
        RevNode node = nodes.get(index);
        if (rev == null && node.deleted) {
            throw new CouchException(404, "not_found", "deleted");
        }
        if (node.body == null) {
            throw missing();
        }
        return new Revision(id, node.rev(), node.deleted, node.body, ancestry(index), conflicts());
    }

    private int find(String rev) {
        Revs.Rev parsed = Revs.parse(rev);
        int index = find(parsed.pos(), parsed.hash());
        if (index < 0) {
            throw missing();
        }
        return index;
    }

    private static CouchException missing() {
        return new CouchException(404, "not_found", "missing");
    }

    /** Hashes from the node up to its oldest known ancestor (CouchDB's {@code _revisions.ids}). */
    public List<String> ancestry(int index) {
        List<String> out = new ArrayList<>();
        for (int i = index; i >= 0; i = nodes.get(i).parent) {
            out.add(nodes.get(i).hash);
        }
        return out;
    }

    /** Revisions of the non-winning, non-deleted leaves (CouchDB's {@code _conflicts}). */
    public List<String> conflicts() {
        int w = winner();
        List<String> out = new ArrayList<>();
        for (int i : leaves()) {
            if (i != w && !nodes.get(i).deleted) {
                out.add(nodes.get(i).rev());
            }
        }
        return out;
    }

    /** Adds a child revision of node {@code parent} (-1 for a first revision); returns its index. */
    public int addChild(int parent, String hash, boolean deleted, byte[] body) {
        return addChild(parent, hash, deleted, body, false);
    }

    /**
     * Adds a child revision; the parent's body is dropped, unless the child is a deletion and
     * {@code keepDeletedBody}: then the deleted revision stays readable by its revision id.
     */
    public int addChild(int parent, String hash, boolean deleted, byte[] body, boolean keepDeletedBody) {
        int pos = parent < 0 ? 1 : nodes.get(parent).pos + 1;
        if (parent >= 0 && !(deleted && keepDeletedBody)) {
            nodes.get(parent).body = null;
        }
        nodes.add(new RevNode(pos, hash, parent, deleted, body));
        return nodes.size() - 1;
    }

    /**
     * The node a normal edit ({@code new_edits=true}) of revision {@code rev} descends from: a
     * leaf of the tree, or -1 for a new document; with no revision, the winner when it is
     * deleted (a re-creation).
     *
     * @throws CouchException 409 {@code conflict} when {@code rev} is not a leaf (or is missing
     *     while the document lives), 404 {@code not_found} when deleting a document that does not exist
     */
    public int parentForEdit(@Nullable String rev, boolean deleted) {
        int parent = parentFor(rev);
        if (deleted && (parent < 0 || nodes.get(parent).deleted)) {
            throw parent < 0 && rev == null ? new CouchException(404, "not_found", "missing") : conflict();
        }
        return parent;
    }

    private int parentFor(@Nullable String rev) {
        if (rev == null) {
            if (isEmpty()) {
                return -1;
            }
            int w = winner();
            if (!nodes.get(w).deleted) {
                throw conflict();
            }
            return w;
        }
        Revs.Rev parsed = Revs.parse(rev);
        int found = find(parsed.pos(), parsed.hash());
        if (found < 0 || !isLeaf(found)) {
            throw conflict();
        }
        return found;
    }

    private static CouchException conflict() {
        return new CouchException(409, "conflict", "Document update conflict.");
    }

    /**
     * Merges a replicated revision path (newest first, positions {@code start}, {@code start-1},
     * ...) whose newest revision carries {@code body}. Returns false when the newest revision was
     * already known (nothing changes).
     */
    public boolean mergePath(int start, List<String> hashes, boolean deleted, byte[] body) {
        int known = -1;
        int knownAt = hashes.size();
        for (int k = 0; k < hashes.size(); k++) {
            int found = find(start - k, hashes.get(k));
            if (found >= 0) {
                known = found;
                knownAt = k;
                break;
            }
        }
        if (knownAt == 0) {
            return false;
        }
        int parent = known;
        if (parent >= 0) {
            nodes.get(parent).body = null;
        }
        for (int k = knownAt - 1; k >= 0; k--) {
            boolean newest = k == 0;
            nodes.add(new RevNode(start - k, hashes.get(k), parent, newest && deleted, newest ? body : null));
            parent = nodes.size() - 1;
        }
        return true;
    }

    /** Keeps at most {@code limit} revisions on every branch, dropping older ancestors. */
    public void stem(int limit) {
        boolean[] keep = new boolean[nodes.size()];
        for (int leaf : leaves()) {
            int depth = 0;
            for (int i = leaf; i >= 0 && depth < limit; i = nodes.get(i).parent, depth++) {
                keep[i] = true;
            }
        }
        int[] remap = new int[nodes.size()];
        ArrayList<RevNode> kept = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            remap[i] = keep[i] ? kept.size() : -1;
            if (keep[i]) {
                kept.add(nodes.get(i));
            }
        }
        if (kept.size() == nodes.size()) {
            return;
        }
        for (RevNode n : kept) {
            n.parent = n.parent < 0 ? -1 : remap[n.parent];
        }
        nodes.clear();
        nodes.addAll(kept);
    }

    /**
     * Removes leaf revisions (CouchDB's purge) and the ancestors that only they descended from.
     * Revisions that are unknown or not leaves are left alone.
     *
     * @return the revisions removed, among those asked
     */
    public List<String> purge(Iterable<Revs.Rev> revs) {
        boolean[] gone = new boolean[nodes.size()];
        List<String> purged = new ArrayList<>();
        for (Revs.Rev rev : revs) {
            int index = find(rev.pos(), rev.hash());
            if (index >= 0 && !gone[index] && isLeaf(index)) {
                gone[index] = true;
                purged.add(rev.toString());
            }
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int i = 0; i < nodes.size(); i++) {
                if (!gone[i] && !isLeaf(i) && allChildrenGone(i, gone)) {
                    gone[i] = true;
                    changed = true;
                }
            }
        }
        keepOnly(gone, false);
        return purged;
    }

    private boolean allChildrenGone(int index, boolean[] gone) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).parent == index && !gone[i]) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the nodes whose flag is {@code keepWhen}, with their parents renumbered. */
    private void keepOnly(boolean[] flags, boolean keepWhen) {
        int[] remap = new int[nodes.size()];
        ArrayList<RevNode> kept = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            remap[i] = flags[i] == keepWhen ? kept.size() : -1;
            if (flags[i] == keepWhen) {
                kept.add(nodes.get(i));
            }
        }
        if (kept.size() == nodes.size()) {
            return;
        }
        for (RevNode n : kept) {
            n.parent = n.parent < 0 ? -1 : remap[n.parent];
        }
        nodes.clear();
        nodes.addAll(kept);
    }

    /** The body of the node at {@code index}, or null when not kept. */
    public byte @Nullable [] body(int index) {
        return nodes.get(index).body;
    }
}
