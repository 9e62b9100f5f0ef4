package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.IndexDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Mango indexes of a database: their definitions come from the Mango design documents,
 * and their entries change with each document write, in the same commit.
 */
final class Indexes {
    private static final Logger LOG = LoggerFactory.getLogger(Indexes.class);
    static final String DESIGN_PREFIX = "_design/";
    /** The first id after every design document id ({@code '0'} follows {@code '/'}). */
    static final String DESIGN_END = "_design0";

    private Indexes() {}

    /** Reads the index definitions from the design documents of an existing database. */
    static void load(DoctypeStore ds) {
        List<IndexDef> defs = new ArrayList<>();
        for (Iterator<String> it = ds.docs.keyIterator(DESIGN_PREFIX); it.hasNext(); ) {
            String id = it.next();
            if (id.compareTo(DESIGN_END) >= 0) {
                break;
            }
            DocCodec.Winner w = ds.winner(id);
            if (w != null && !w.deleted()) {
                defs.addAll(loadable(ds, id, w.body()));
            }
        }
        ds.indexes.addAll(defs);
    }

    /**
     * The indexes of a stored design document, or none when they are invalid: one stored before
     * its declaration was checked must not keep the database from opening, nor fail its writes.
     */
    private static List<IndexDef> loadable(DoctypeStore ds, String id, byte[] body) {
        try {
            return IndexDef.fromDesignDoc(id, parse(body));
        } catch (RuntimeException e) {
            LOG.warn("Ignoring the indexes of {} in {}: {}", id, ds.doctype, e.getMessage());
            return List.of();
        }
    }

    /** Writer only: moves a document's entries from its old to its new winning revision. */
    static void update(DoctypeStore ds, String id, @Nullable ObjectNode oldDoc, @Nullable ObjectNode newDoc) {
        for (IndexDef def : ds.indexes) {
            byte[] oldKey = oldDoc == null ? null : def.key(oldDoc, id);
            byte[] newKey = newDoc == null ? null : def.key(newDoc, id);
            if (oldKey != null && newKey != null && Arrays.equals(oldKey, newKey)) {
                continue;
            }
            MVMap<byte[], String> map = ds.indexMap(def);
            if (oldKey != null) {
                map.remove(oldKey);
            }
            if (newKey != null) {
                map.put(newKey, id);
            }
        }
    }

    /** Writer only: a design document changed; drops the indexes it lost and builds those it gained. */
    static void designChanged(DoctypeStore ds, String ddocId, List<IndexDef> after) {
        String ddoc = ddocId.substring(DESIGN_PREFIX.length());
        List<IndexDef> before =
                ds.indexes.stream().filter(d -> d.ddoc().equals(ddoc)).toList();
        for (IndexDef old : before) {
            if (!after.contains(old)) {
                ds.indexes.remove(old);
                ds.removeIndexMap(old);
            }
        }
        for (IndexDef def : after) {
            if (!before.contains(def)) {
                ds.removeIndexMap(def);
                build(ds, def);
                ds.indexes.add(def);
            }
        }
    }

    /** Writer only: indexes every live, non-design document. */
    private static void build(DoctypeStore ds, IndexDef def) {
        MVMap<byte[], String> map = ds.indexMap(def);
        long count = 0;
        for (Map.Entry<String, byte[]> e : ds.docs.entrySet()) {
            String id = e.getKey();
            if (id.startsWith(DESIGN_PREFIX)) {
                continue;
            }
            DocCodec.Winner w = DocCodec.winner(e.getValue());
            if (w.deleted()) {
                continue;
            }
            byte[] key = def.key(Bodies.document(id, w.rev(), w.body()), id);
            if (key != null) {
                map.put(key, id);
                count++;
            }
        }
        LOG.debug("Built index {} of {}: {} entries", def.name(), ds.doctype, count);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
