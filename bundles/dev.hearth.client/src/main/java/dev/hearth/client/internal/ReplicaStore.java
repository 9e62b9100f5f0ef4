package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The replica on disk: per doctype, its documents with their revision trees ({@link ReplicaDoc}),
 * a sequence numbering their changes (what a push reads, as a {@code _changes} feed), and its
 * {@code _local} documents (replication checkpoints). Each doctype is a {@link ReplicaLog} in the
 * replica's folder, read whole into memory when first used and compacted when it has grown to
 * twice its live records. Thread safe.
 */
public final class ReplicaStore implements AutoCloseable {
    private static final Pattern DOCTYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path dir;
    private final String replicaId;
    private final Map<String, Collection> collections = new HashMap<>();

    private ReplicaStore(Path dir, String replicaId) {
        this.dir = dir;
        this.replicaId = replicaId;
    }

    /** Opens the replica in {@code dir}, creating it when needed. */
    public static ReplicaStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path idFile = dir.resolve("replica.id");
        if (!Files.exists(idFile)) {
            Path tmp = Files.createTempFile(dir, "replica.id", ".tmp");
            Files.writeString(tmp, UUID.randomUUID().toString().replace("-", ""));
            Files.move(tmp, idFile, StandardCopyOption.ATOMIC_MOVE);
        }
        return new ReplicaStore(
                dir, Files.readString(idFile, StandardCharsets.UTF_8).strip());
    }

    /** This replica's own id, part of its replication ids. */
    public String replicaId() {
        return replicaId;
    }

    /** The winning live documents of a doctype, design documents aside. */
    public synchronized List<ObjectNode> live(String doctype) {
        List<ObjectNode> docs = new ArrayList<>();
        for (ReplicaDoc doc : collection(doctype).docs.values()) {
            if (!doc.winner().deleted() && !doc.id().startsWith("_design/")) {
                docs.add(doc.winningDoc());
            }
        }
        return docs;
    }

    public synchronized @Nullable ReplicaDoc get(String doctype, String id) {
        return collection(doctype).docs.get(id);
    }

    /**
     * A local edit (CouchDB's normal edit): a creation without {@code _rev}, else an update or a
     * deletion ({@code _deleted}) of the leaf {@code _rev}. Answers the new revision as a document.
     *
     * @throws dev.hearth.client.ClientException 409 on a stale revision, 404 on an unknown document
     */
    public synchronized ObjectNode edit(String doctype, ObjectNode doc) {
        Collection c = collection(doctype);
        String id = doc.path("_id").asText("");
        if (id.isEmpty()) {
            id = UUID.randomUUID().toString().replace("-", "");
        }
        ReplicaDoc next = ReplicaDoc.edit(c.docs.get(id), id, c.seq + 1, doc);
        c.write(List.of(next));
        return next.document(next.leaf(newest(next)), false);
    }

    private static String newest(ReplicaDoc doc) {
        return doc.leaves().get(doc.leaves().size() - 1).rev();
    }

    /**
     * Adds revisions received by replication ({@code new_edits=false}); answers the winning
     * revision of each document that changed, in order.
     */
    public synchronized List<ObjectNode> merge(String doctype, List<ObjectNode> docs) {
        Collection c = collection(doctype);
        Map<String, ReplicaDoc> changed = new LinkedHashMap<>();
        for (ObjectNode doc : docs) {
            String id = doc.path("_id").asText();
            ReplicaDoc current = changed.containsKey(id) ? changed.get(id) : c.docs.get(id);
            ReplicaDoc next = ReplicaDoc.merge(current, c.seq + 1 + changed.size(), doc);
            if (next != null) {
                changed.remove(id);
                changed.put(id, next);
            }
        }
        List<ReplicaDoc> renumbered = new ArrayList<>();
        long seq = c.seq;
        for (ReplicaDoc d : changed.values()) {
            renumbered.add(new ReplicaDoc(d.id(), ++seq, d.leaves()));
        }
        c.write(renumbered);
        return renumbered.stream().map(ReplicaDoc::winningDoc).toList();
    }

    /** CouchDB's {@code _revs_diff}: of the given revisions, those the replica lacks, by id. */
    public synchronized Map<String, List<String>> revsDiff(String doctype, Map<String, List<String>> revs) {
        Collection c = collection(doctype);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        revs.forEach((id, list) -> {
            ReplicaDoc doc = c.docs.get(id);
            List<String> lacking =
                    list.stream().filter(r -> doc == null || !doc.knows(r)).toList();
            if (!lacking.isEmpty()) {
                missing.put(id, lacking);
            }
        });
        return missing;
    }

    /** The documents changed after {@code since}, in sequence order, at most {@code limit}. */
    public synchronized List<ReplicaDoc> changesSince(String doctype, long since, int limit) {
        Collection c = collection(doctype);
        List<ReplicaDoc> out = new ArrayList<>();
        for (String id : c.bySeq.tailMap(since, false).values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(c.docs.get(id));
        }
        return out;
    }

    /** The sequence of the last change of a doctype (0 before any). */
    public synchronized long updateSeq(String doctype) {
        return collection(doctype).seq;
    }

    public synchronized @Nullable ObjectNode getLocal(String doctype, String id) {
        ObjectNode doc = collection(doctype).locals.get(id);
        return doc == null ? null : doc.deepCopy();
    }

    /** Saves a local document (never replicated); null deletes it. */
    public synchronized void putLocal(String doctype, String id, @Nullable ObjectNode doc) {
        Collection c = collection(doctype);
        ObjectNode record = Json.object().put("l", id);
        record.set("v", doc == null ? null : doc.deepCopy());
        c.log.append(List.of(record));
        if (doc == null) {
            c.locals.remove(id);
        } else {
            c.locals.put(id, doc.deepCopy());
        }
        c.compactIfGrown();
    }

    private Collection collection(String doctype) {
        if (!DOCTYPE.matcher(doctype).matches()) {
            throw new IllegalArgumentException("Invalid doctype " + doctype);
        }
        return collections.computeIfAbsent(doctype, t -> {
            try {
                return new Collection(dir.resolve(t + ".jsonl"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the replica of " + t, e);
            }
        });
    }

    @Override
    public synchronized void close() {
        collections.values().forEach(c -> c.log.close());
        collections.clear();
    }

    /** One doctype: its documents, their sequence index, its local documents, its log. */
    private static final class Collection {
        final Map<String, ReplicaDoc> docs = new HashMap<>();
        final TreeMap<Long, String> bySeq = new TreeMap<>();
        final Map<String, ObjectNode> locals = new HashMap<>();
        final ReplicaLog log;
        long seq;

        Collection(Path file) throws IOException {
            log = ReplicaLog.open(file, this::replay);
            compactIfGrown();
        }

        private void replay(JsonNode record) {
            if (record.has("d")) {
                put(read(record.path("d")));
            } else if (record.path("v").isObject()) {
                locals.put(record.path("l").asText(), (ObjectNode) record.path("v"));
            } else {
                locals.remove(record.path("l").asText());
            }
        }

        void write(List<ReplicaDoc> changed) {
            log.append(changed.stream().map(Collection::record).toList());
            changed.forEach(this::put);
            compactIfGrown();
        }

        private void put(ReplicaDoc doc) {
            ReplicaDoc old = docs.put(doc.id(), doc);
            if (old != null) {
                bySeq.remove(old.seq());
            }
            bySeq.put(doc.seq(), doc.id());
            seq = Math.max(seq, doc.seq());
        }

        void compactIfGrown() {
            int live = docs.size() + locals.size();
            if (log.lines() <= 2 * live + 64) {
                return;
            }
            List<ObjectNode> records = new ArrayList<>();
            bySeq.values().forEach(id -> records.add(record(docs.get(id))));
            locals.forEach((id, doc) -> {
                ObjectNode r = Json.object().put("l", id);
                r.set("v", doc);
                records.add(r);
            });
            log.rewrite(records);
        }

        private static ObjectNode record(ReplicaDoc doc) {
            ObjectNode record = Json.object();
            ObjectNode d = record.putObject("d").put("id", doc.id()).put("seq", doc.seq());
            ArrayNode leaves = d.putArray("leaves");
            for (ReplicaDoc.Leaf leaf : doc.leaves()) {
                ObjectNode l = leaves.addObject();
                leaf.revs().forEach(l.putArray("revs")::add);
                l.put("deleted", leaf.deleted());
                l.set("body", leaf.body());
            }
            return record;
        }

        private static ReplicaDoc read(JsonNode d) {
            List<ReplicaDoc.Leaf> leaves = new ArrayList<>();
            for (JsonNode l : d.path("leaves")) {
                List<String> revs = new ArrayList<>();
                l.path("revs").forEach(r -> revs.add(r.asText()));
                leaves.add(new ReplicaDoc.Leaf(revs, l.path("deleted").asBoolean(), (ObjectNode) l.path("body")));
            }
            return new ReplicaDoc(d.path("id").asText(), d.path("seq").asLong(), leaves);
        }
    }
}
