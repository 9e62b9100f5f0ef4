package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.jspecify.annotations.Nullable;

/**
 * The maps of one doctype's database in an instance store, and its counters:
 * {@code docs/<doctype>} (id to record), {@code seqs/<doctype>} (update sequence to id, one entry
 * per document), {@code local/<doctype>} (replication checkpoints) and one map per Mango index.
 * Counters change on the writer only; readers see them through volatile fields.
 */
final class DoctypeStore {
    final String doctype;
    final MVMap<String, byte[]> docs;
    final MVMap<Long, String> seqs;
    final MVMap<String, byte[]> local;
    private final MVStore store;
    private final MVMap<String, String> meta;
    private final Map<String, MVMap<byte[], String>> indexMaps = new ConcurrentHashMap<>();
    private final Map<String, MVMap<byte[], byte[]>> viewMaps = new ConcurrentHashMap<>();
    final List<IndexDef> indexes = new CopyOnWriteArrayList<>();

    private volatile long seq;
    private volatile long committedSeq;
    private volatile long docCount;
    private volatile long deletedCount;
    private volatile long purgeSeq;
    /** The minute of the last entry of the clock map, -1 until read. */
    private long clockMinute = -1;

    private volatile boolean exists;
    private String createdAt;

    DoctypeStore(MVStore store, MVMap<String, String> meta, String doctype) {
        this.store = store;
        this.meta = meta;
        this.doctype = doctype;
        this.docs = store.openMap(
                "docs/" + doctype,
                new MVMap.Builder<String, byte[]>().keyType(Utf8Type.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.seqs = store.openMap(
                "seqs/" + doctype,
                new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE).valueType(Utf8Type.INSTANCE));
        this.local = store.openMap(
                "local/" + doctype,
                new MVMap.Builder<String, byte[]>().keyType(Utf8Type.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        loadCounters();
    }

    private void loadCounters() {
        String json = meta.get(doctype);
        if (json == null) {
            exists = false;
            return;
        }
        ObjectNode m = Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
        exists = true;
        seq = m.path("seq").asLong();
        committedSeq = seq;
        docCount = m.path("docs").asLong();
        deletedCount = m.path("deleted").asLong();
        purgeSeq = m.path("purged").asLong();
        createdAt = m.path("created").asText();
    }

    boolean exists() {
        return exists;
    }

    long seq() {
        return seq;
    }

    /** The highest sequence whose change is durable: the changes feed stops there. */
    long committedSeq() {
        return committedSeq;
    }

    long docCount() {
        return docCount;
    }

    long deletedCount() {
        return deletedCount;
    }

    /** How many purges changed this database (CouchDB's {@code purge_seq}). */
    long purgeSeq() {
        return purgeSeq;
    }

    /** Writer only: counts a purge that removed something. */
    void purged() {
        purgeSeq++;
        countersChanged = true;
    }

    String createdAt() {
        return createdAt;
    }

    /** Writer only: marks the database as existing. */
    void create() {
        if (!exists) {
            exists = true;
            createdAt = Instant.now().toString();
            saveCounters();
        }
    }

    /** Writer only: the next update sequence. */
    long nextSeq() {
        countersChanged = true;
        return ++seq;
    }

    private boolean countersChanged;

    /** Writer only: the next update sequence will be above {@code floor}. */
    void advanceSeq(long floor) {
        if (floor > seq) {
            seq = floor;
            countersChanged = true;
        }
    }

    /** Writer only: adjusts the live and deleted document counts. */
    void count(long live, long deleted) {
        docCount += live;
        deletedCount += deleted;
        countersChanged = true;
    }

    /** Writer only, before each commit: persists the counters when the batch changed them. */
    void saveCountersIfChanged() {
        if (countersChanged && exists) {
            saveCounters();
        }
    }

    /** Writer only: persists the counters in the meta map (part of the same commit). */
    void saveCounters() {
        countersChanged = false;
        meta.put(
                doctype,
                "{\"seq\":" + seq + ",\"docs\":" + docCount + ",\"deleted\":" + deletedCount + ",\"purged\":" + purgeSeq
                        + ",\"created\":\"" + createdAt + "\"}");
        tick();
    }

    /**
     * The clock of the database, {@code clock/<doctype>}: for the first commit of each minute, the
     * minute (since the epoch) and the last sequence committed before it. It dates changes to
     * the minute, for the purge of old tombstones, at one entry per minute of writes.
     */
    MVMap<Long, Long> clock() {
        return store.openMap(
                "clock/" + doctype,
                new MVMap.Builder<Long, Long>().keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE));
    }

    /** Writer only, before a commit: records the minute's first commit in the clock. */
    private void tick() {
        long minute = System.currentTimeMillis() / 60_000;
        if (minute == clockMinute) {
            return;
        }
        MVMap<Long, Long> clock = clock();
        if (clockMinute < 0) {
            Long last = clock.lastKey();
            clockMinute = last == null ? -1 : last;
        }
        if (minute > clockMinute) {
            clock.put(minute, committedSeq);
            clockMinute = minute;
        }
    }

    /** The highest sequence known to be committed before {@code millis} (0 when none is). */
    long committedBefore(long millis) {
        if (millis > System.currentTimeMillis()) {
            return committedSeq;
        }
        if (!store.hasMap("clock/" + doctype)) {
            return 0;
        }
        Long minute = clock().floorKey(millis / 60_000);
        return minute == null ? 0 : clock().get(minute);
    }

    /** Called after each commit. */
    void committed() {
        committedSeq = seq;
    }

    /** Writer only: removes every map and the counters of this database. */
    void drop() {
        for (String signature : List.copyOf(viewSeqs().keySet())) {
            dropView(signature);
        }
        for (MVMap<byte[], String> index : indexMaps.values()) {
            store.removeMap(index);
        }
        indexMaps.clear();
        indexes.clear();
        docs.clear();
        seqs.clear();
        local.clear();
        if (store.hasMap("clock/" + doctype)) {
            store.removeMap("clock/" + doctype);
        }
        clockMinute = -1;
        meta.remove(doctype);
        exists = false;
        seq = 0;
        committedSeq = 0;
        docCount = 0;
        deletedCount = 0;
        purgeSeq = 0;
    }

    /** The map of an index, opened (and created) on first use. */
    MVMap<byte[], String> indexMap(IndexDef def) {
        return indexMaps.computeIfAbsent(
                def.mapName(doctype),
                name -> store.openMap(
                        name,
                        new MVMap.Builder<byte[], String>()
                                .keyType(ByteArrayDataType.INSTANCE)
                                .valueType(Utf8Type.INSTANCE)));
    }

    /** Writer only: forgets an index and removes its map. */
    void removeIndexMap(IndexDef def) {
        MVMap<byte[], String> map = indexMaps.remove(def.mapName(doctype));
        if (map != null) {
            store.removeMap(map);
        } else if (store.hasMap(def.mapName(doctype))) {
            store.removeMap(def.mapName(doctype));
        }
    }

    /** The sequence each view index (by signature) reflects: {@code viewseqs/<doctype>}. */
    MVMap<String, Long> viewSeqs() {
        return store.openMap(
                "viewseqs/" + doctype,
                new MVMap.Builder<String, Long>().keyType(Utf8Type.INSTANCE).valueType(LongDataType.INSTANCE));
    }

    /** The sequence a view index reflects, 0 when it was never built; opens no map. */
    long viewSeq(String signature) {
        if (!store.hasMap("viewseqs/" + doctype)) {
            return 0;
        }
        Long seq = viewSeqs().get(signature);
        return seq == null ? 0 : seq;
    }

    /** Whether any view index was ever built in this database; opens no map. */
    boolean hasAnyView() {
        return store.hasMap("viewseqs/" + doctype) && !viewSeqs().isEmpty();
    }

    /** Whether a view index has rows stored (it may be empty); opens no map. */
    boolean hasViewRows(String signature) {
        return store.hasMap("view/" + doctype + "/" + signature + "/rows");
    }

    /** The rows of a view index: {@code view/<doctype>/<signature>/rows} (see {@link ViewRows}). */
    MVMap<byte[], byte[]> viewRows(String signature) {
        return viewMaps.computeIfAbsent(
                "view/" + doctype + "/" + signature + "/rows",
                name -> store.openMap(
                        name,
                        new MVMap.Builder<byte[], byte[]>()
                                .keyType(ByteArrayDataType.INSTANCE)
                                .valueType(ByteArrayDataType.INSTANCE)));
    }

    /** The row keys each document emitted in a view index: {@code view/<doctype>/<signature>/ids}. */
    @SuppressWarnings("unchecked")
    MVMap<String, byte[]> viewIds(String signature) {
        return (MVMap<String, byte[]>) (MVMap<?, ?>) viewMaps.computeIfAbsent(
                "view/" + doctype + "/" + signature + "/ids",
                name -> (MVMap<byte[], byte[]>) (MVMap<?, ?>) store.openMap(
                        name,
                        new MVMap.Builder<String, byte[]>()
                                .keyType(Utf8Type.INSTANCE)
                                .valueType(ByteArrayDataType.INSTANCE)));
    }

    /** Writer only: removes a view index, its maps and its sequence. */
    void dropView(String signature) {
        for (String suffix : List.of("/rows", "/ids")) {
            String name = "view/" + doctype + "/" + signature + suffix;
            MVMap<byte[], byte[]> map = viewMaps.remove(name);
            if (map != null) {
                store.removeMap(map);
            } else if (store.hasMap(name)) {
                store.removeMap(name);
            }
        }
        viewSeqs().remove(signature);
    }

    @Nullable
    DocRecord record(String id) {
        byte[] data = docs.get(id);
        return data == null ? null : DocCodec.decode(id, data);
    }

    DocCodec.@Nullable Winner winner(String id) {
        byte[] data = docs.get(id);
        return data == null ? null : DocCodec.winner(data);
    }
}
