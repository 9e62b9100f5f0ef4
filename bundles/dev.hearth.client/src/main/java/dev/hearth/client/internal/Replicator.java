package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.ClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * CouchDB's replication protocol between a server's doctype and the replica, one batch of
 * changes at a time. A pull reads the server's {@code _changes} ({@code style=all_docs}: every
 * leaf), asks the replica which revisions it lacks, fetches those with their history through
 * {@code _bulk_get?revs=true} and adds them as they are ({@code new_edits=false}). A push reads
 * the replica's changes, asks the server's {@code _revs_diff}, and sends what it lacks through
 * {@code _bulk_docs} with {@code new_edits=false}. After each batch both sides record a
 * checkpoint in a {@code _local} document named by the replication id; the next run starts from
 * the sequence both checkpoints agree on (the same session, or the latest session both
 * histories share), else from the start.
 */
public final class Replicator {
    /** Changes read per batch. */
    public static final int BATCH = 100;

    private static final int HISTORY = 20;

    /** The server side: {@code Http::send}, or anything that answers the same requests. */
    @FunctionalInterface
    public interface Remote {
        JsonNode send(String method, String path, @Nullable JsonNode body);
    }

    /** What one run did. */
    public record Outcome(int docsRead, int docsWritten, int failures) {}

    private final Remote remote;
    private final ReplicaStore store;
    private final String endpoint;

    /**
     * @param endpoint what names the server in the replication ids (its URL and host)
     */
    public Replicator(Remote remote, ReplicaStore store, String endpoint) {
        this.remote = remote;
        this.store = store;
        this.endpoint = endpoint;
    }

    /**
     * Pulls the server's changes of a doctype into the replica, up to now; {@code changed} gets
     * the winning revision of each document that changed. A doctype without a database on the
     * server pulls nothing.
     */
    public Outcome pull(String doctype, BiConsumer<String, ObjectNode> changed) {
        String id = replicationId("pull", doctype);
        Checkpoints cp = new Checkpoints(doctype, id);
        JsonNode since = Checkpoint.startSeq(cp.remote(), cp.local());
        int read = 0;
        int written = 0;
        while (true) {
            JsonNode changes;
            try {
                changes = remote.send(
                        "GET",
                        data(doctype) + "_changes?style=all_docs&limit=" + BATCH + "&since="
                                + Http.segment(since.asText()),
                        null);
            } catch (ClientException.NotFoundException e) {
                return new Outcome(read, written, 0);
            }
            JsonNode results = changes.path("results");
            Map<String, List<String>> revs = new LinkedHashMap<>();
            for (JsonNode change : results) {
                List<String> leaves = revs.computeIfAbsent(change.path("id").asText(), k -> new ArrayList<>());
                change.path("changes").forEach(c -> leaves.add(c.path("rev").asText()));
            }
            read += results.size();
            Map<String, List<String>> missing = store.revsDiff(doctype, revs);
            if (!missing.isEmpty()) {
                List<ObjectNode> docs = bulkGet(doctype, missing);
                List<ObjectNode> winners = store.merge(doctype, docs);
                written += docs.size();
                winners.forEach(w -> changed.accept(doctype, w));
            }
            since = changes.path("last_seq");
            if (!results.isEmpty()) {
                cp.record(since);
            }
            if (results.size() < BATCH) {
                return new Outcome(read, written, 0);
            }
        }
    }

    private List<ObjectNode> bulkGet(String doctype, Map<String, List<String>> missing) {
        ObjectNode body = Json.object();
        ArrayNode wanted = body.putArray("docs");
        missing.forEach((id, list) ->
                list.forEach(rev -> wanted.addObject().put("id", id).put("rev", rev)));
        JsonNode answer = remote.send("POST", data(doctype) + "_bulk_get?revs=true", body);
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            for (JsonNode one : result.path("docs")) {
                if (one.path("ok").isObject()) {
                    docs.add((ObjectNode) one.path("ok"));
                } else {
                    throw new ClientException(
                            0, "bulk_get", "The server could not give " + result.path("id") + ": " + one.path("error"));
                }
            }
        }
        return docs;
    }

    /** Pushes the replica's changes of a doctype to the server, up to now. */
    public Outcome push(String doctype) {
        String id = replicationId("push", doctype);
        Checkpoints cp = new Checkpoints(doctype, id);
        long since = Checkpoint.startSeq(cp.local(), cp.remote()).asLong(0);
        int read = 0;
        int written = 0;
        int failures = 0;
        while (true) {
            List<ReplicaDoc> changes = store.changesSince(doctype, since, BATCH);
            if (changes.isEmpty()) {
                return new Outcome(read, written, failures);
            }
            read += changes.size();
            ObjectNode revs = Json.object();
            Map<String, ReplicaDoc> byId = new LinkedHashMap<>();
            for (ReplicaDoc doc : changes) {
                byId.put(doc.id(), doc);
                ArrayNode list = revs.putArray(doc.id());
                doc.leaves().forEach(l -> list.add(l.rev()));
            }
            JsonNode missing = revsDiff(doctype, revs);
            ArrayNode docs = Json.array();
            missing.properties().forEach(e -> {
                ReplicaDoc doc = byId.get(e.getKey());
                for (JsonNode rev : e.getValue().path("missing")) {
                    ReplicaDoc.Leaf leaf = doc == null ? null : doc.leaf(rev.asText());
                    if (leaf != null) {
                        docs.add(doc.document(leaf, true));
                    }
                }
            });
            if (!docs.isEmpty()) {
                ObjectNode body = Json.object().put("new_edits", false);
                body.set("docs", docs);
                JsonNode rows = remote.send("POST", data(doctype) + "_bulk_docs", body);
                for (JsonNode row : rows) {
                    failures += row.has("error") ? 1 : 0;
                }
                written += docs.size();
            }
            since = changes.get(changes.size() - 1).seq();
            cp.record(Json.MAPPER.getNodeFactory().numberNode(since));
            if (changes.size() < BATCH) {
                return new Outcome(read, written, failures);
            }
        }
    }

    private JsonNode revsDiff(String doctype, ObjectNode revs) {
        try {
            return remote.send("POST", data(doctype) + "_revs_diff", revs);
        } catch (ClientException.NotFoundException e) {
            remote.send("PUT", "data/" + Http.segment(doctype), null);
            return remote.send("POST", data(doctype) + "_revs_diff", revs);
        }
    }

    private static String data(String doctype) {
        return "data/" + Http.segment(doctype) + "/";
    }

    /** The id of one direction of one doctype's replication between this replica and this server. */
    String replicationId(String direction, String doctype) {
        String key = store.replicaId() + "|" + endpoint + "|" + doctype + "|" + direction;
        try {
            byte[] hash = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two checkpoints of one run: read at the start, written after each batch. */
    private final class Checkpoints {
        private final String doctype;
        private final String id;
        private final String session = UUID.randomUUID().toString();
        private @Nullable ObjectNode remoteDoc;
        private @Nullable ObjectNode localDoc;

        Checkpoints(String doctype, String id) {
            this.doctype = doctype;
            this.id = id;
            this.localDoc = store.getLocal(doctype, id);
            try {
                JsonNode doc = remote.send("GET", data(doctype) + "_local/" + id, null);
                this.remoteDoc = doc.isObject() ? (ObjectNode) doc : null;
            } catch (ClientException.NotFoundException e) {
                this.remoteDoc = null;
            }
        }

        @Nullable
        ObjectNode remote() {
            return remoteDoc;
        }

        @Nullable
        ObjectNode local() {
            return localDoc;
        }

        void record(JsonNode seq) {
            ObjectNode base = localDoc != null ? localDoc : remoteDoc;
            ObjectNode next = Checkpoint.next(base, session, seq, HISTORY);
            store.putLocal(doctype, id, next);
            localDoc = next;
            ObjectNode toServer = next.deepCopy();
            if (remoteDoc != null && remoteDoc.hasNonNull("_rev")) {
                toServer.put("_rev", remoteDoc.path("_rev").asText());
            }
            JsonNode saved = remote.send("PUT", data(doctype) + "_local/" + id, toServer);
            toServer.put("_rev", saved.path("rev").asText());
            remoteDoc = toServer;
        }
    }
}
