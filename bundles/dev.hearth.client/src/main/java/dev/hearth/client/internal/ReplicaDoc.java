package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.ClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One document of the replica as CouchDB keeps it: its revision tree, stored as the paths from
 * each leaf back to the root (newest first), with the body of every leaf. Ancestors keep only
 * their revision ids, as after CouchDB's compaction. The winning revision is CouchDB's: a live
 * leaf before a deleted one, then the highest generation, then the greatest revision string.
 * Immutable.
 *
 * @param id the document id
 * @param seq the replica's sequence of the document's last change
 * @param leaves the leaves, each with its path
 */
public record ReplicaDoc(String id, long seq, List<Leaf> leaves) {
    /** How many ancestors a path keeps, as CouchDB's default {@code revs_limit}. */
    public static final int REVS_LIMIT = 1000;

    private static final Set<String> META = Set.of(
            "_id",
            "_rev",
            "_revisions",
            "_deleted",
            "_conflicts",
            "_deleted_conflicts",
            "_revs_info",
            "_local_seq",
            "_type");

    private static final Comparator<Leaf> WINNING = Comparator.comparing((Leaf l) -> !l.deleted())
            .thenComparingLong(l -> generation(l.rev()))
            .thenComparing(Leaf::rev);

    public ReplicaDoc {
        leaves = List.copyOf(leaves);
    }

    /**
     * A leaf of the tree.
     *
     * @param revs its path: its revision first, then its ancestors
     * @param deleted whether it is a deletion
     * @param body its fields, without the underscored metadata
     */
    public record Leaf(List<String> revs, boolean deleted, ObjectNode body) {
        public Leaf {
            revs = List.copyOf(revs.size() > REVS_LIMIT ? revs.subList(0, REVS_LIMIT) : revs);
        }

        public String rev() {
            return revs.get(0);
        }
    }

    /** The winning leaf. */
    public Leaf winner() {
        return leaves.stream().max(WINNING).orElseThrow();
    }

    /** Whether the revision is anywhere in the tree. */
    public boolean knows(String rev) {
        return leaves.stream().anyMatch(l -> l.revs().contains(rev));
    }

    public @Nullable Leaf leaf(String rev) {
        return leaves.stream().filter(l -> l.rev().equals(rev)).findFirst().orElse(null);
    }

    /** The winning revision as a document: its body with {@code _id}, {@code _rev} (and {@code _deleted}). */
    public ObjectNode winningDoc() {
        return document(winner(), false);
    }

    /** A leaf as a document, with its {@code _revisions} when asked (what a replication sends). */
    public ObjectNode document(Leaf leaf, boolean revisions) {
        ObjectNode doc = Json.object().put("_id", id).put("_rev", leaf.rev());
        if (leaf.deleted()) {
            doc.put("_deleted", true);
        }
        doc.setAll(leaf.body().deepCopy());
        if (revisions) {
            ObjectNode history = doc.putObject("_revisions").put("start", generation(leaf.rev()));
            ArrayNode ids = history.putArray("ids");
            leaf.revs().forEach(r -> ids.add(r.substring(r.indexOf('-') + 1)));
        }
        return doc;
    }

    /**
     * The document after one local edit ({@code doc}, on the leaf its {@code _rev} names, or a
     * creation without): {@code current} is the document as held, null when there is none.
     */
    public static ReplicaDoc edit(@Nullable ReplicaDoc current, String id, long seq, ObjectNode doc) {
        String parentRev = doc.path("_rev").asText("");
        boolean deleted = doc.path("_deleted").asBoolean(false);
        ObjectNode body = deleted ? Json.object() : bodyOf(doc);
        List<Leaf> leaves = current == null ? new ArrayList<>() : new ArrayList<>(current.leaves());
        Leaf parent = null;
        if (current != null) {
            Leaf winner = current.winner();
            parent = parentRev.isEmpty() && winner.deleted() ? winner : current.leaf(parentRev);
            if (parent == null || (parentRev.isEmpty() && !winner.deleted())) {
                throw ClientException.of(409, "conflict", "Document update conflict");
            }
        } else if (!parentRev.isEmpty() || deleted) {
            throw ClientException.of(404, "not_found", "missing");
        }
        List<String> revs = new ArrayList<>();
        long generation = parent == null ? 1 : generation(parent.rev()) + 1;
        revs.add(generation + "-" + hash(parent == null ? "" : parent.rev(), deleted, body));
        if (parent != null) {
            revs.addAll(parent.revs());
            leaves.remove(parent);
        }
        leaves.add(new Leaf(revs, deleted, body));
        return new ReplicaDoc(id, seq, leaves);
    }

    /**
     * Adds a revision received by replication, with its history ({@code new_edits=false}): a known
     * revision changes nothing (null); one that descends from a leaf replaces that leaf; any other
     * starts a branch, a conflict.
     */
    public static @Nullable ReplicaDoc merge(@Nullable ReplicaDoc current, long seq, ObjectNode doc) {
        String id = doc.path("_id").asText();
        Leaf incoming = new Leaf(history(doc), doc.path("_deleted").asBoolean(false), bodyOf(doc));
        if (current == null) {
            return new ReplicaDoc(id, seq, List.of(incoming));
        }
        if (current.knows(incoming.rev())) {
            return null;
        }
        List<Leaf> leaves = new ArrayList<>();
        List<String> path = incoming.revs();
        for (Leaf leaf : current.leaves()) {
            int at = path.indexOf(leaf.rev());
            if (at < 0) {
                leaves.add(leaf);
            } else if (leaf.revs().size() > path.size() - at) {
                List<String> longer = new ArrayList<>(path.subList(0, at));
                longer.addAll(leaf.revs());
                path = longer;
            }
        }
        leaves.add(new Leaf(path, incoming.deleted(), incoming.body()));
        return new ReplicaDoc(id, seq, leaves);
    }

    /** The revision path a document carries: from {@code _revisions}, else its {@code _rev} alone. */
    static List<String> history(JsonNode doc) {
        String rev = doc.path("_rev").asText("");
        if (generation(rev) < 1) {
            throw new ClientException(0, "bad_request", "Invalid rev format for " + doc.path("_id"));
        }
        JsonNode revisions = doc.path("_revisions");
        if (!revisions.path("ids").isArray() || revisions.path("ids").isEmpty()) {
            return List.of(rev);
        }
        long start = revisions.path("start").asLong();
        List<String> revs = new ArrayList<>();
        for (JsonNode hash : revisions.path("ids")) {
            revs.add((start - revs.size()) + "-" + hash.asText());
        }
        if (!revs.get(0).equals(rev)) {
            throw new ClientException(0, "bad_request", "_rev and _revisions disagree for " + doc.path("_id"));
        }
        return revs;
    }

    /** A document's fields without the metadata the tree keeps apart. */
    static ObjectNode bodyOf(ObjectNode doc) {
        ObjectNode body = doc.deepCopy();
        body.remove(META);
        return body;
    }

    public static long generation(String rev) {
        int dash = rev.indexOf('-');
        try {
            return dash < 0 ? 0 : Long.parseLong(rev.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A revision hash from the parent, the deletion flag and the body, so the same edit gets the same rev. */
    private static String hash(String parent, boolean deleted, ObjectNode body) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(parent.getBytes(StandardCharsets.UTF_8));
            md5.update((byte) (deleted ? 1 : 0));
            md5.update(Json.text(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
