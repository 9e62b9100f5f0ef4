package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.FindScan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.Cursor;

/**
 * Runs a Mango query on the embedded store: {@link FindScan} plans it and checks each
 * candidate; this walks the key range of the chosen index's map (or the primary index).
 */
final class Find {
    /** The most candidates of an index scan whose documents are read in one walk. */
    private static final int BATCH = 64;

    private Find() {}

    static FindResult run(DoctypeStore ds, ObjectNode body) {
        return scan(ds, body, false).result();
    }

    /** Like {@link #run}, each document as its JSON text. */
    static JsonFindResult runJson(DoctypeStore ds, ObjectNode body) {
        return scan(ds, body, true).jsonResult();
    }

    private static FindScan scan(DoctypeStore ds, ObjectNode body, boolean texts) {
        FindScan scan = FindScan.plan(body, ds.indexes, texts);
        if (scan.index() == null) {
            primary(ds, scan);
        } else {
            index(ds, scan);
        }
        return scan;
    }

    private static void index(DoctypeStore ds, FindScan scan) {
        byte[] from = scan.from();
        byte[] to = scan.to();
        var map = ds.indexMap(scan.index());
        byte[] last = scan.descending() ? map.lowerKey(to) : null;
        if (scan.descending() && last == null) {
            return;
        }
        // A cursor gives each key with its value: no second descent of the index per key.
        Cursor<byte[], String> keys = scan.descending() ? map.cursor(last, null, true) : map.cursor(from);
        List<byte[]> batchKeys = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        boolean more = true;
        while (more && !scan.full()) {
            more = false;
            // As many as the page still needs if they all match, so that no document is read past
            // the limit then; batches bounded for memory.
            int wanted = Math.max(1, Math.min(scan.wanted(), BATCH));
            while (batchIds.size() < wanted && keys.hasNext()) {
                byte[] key = keys.next();
                if (key == null
                        || (scan.descending()
                                ? Arrays.compareUnsigned(key, from) < 0
                                : Arrays.compareUnsigned(key, to) >= 0)) {
                    break;
                }
                scan.examined();
                String id = keys.getValue();
                if (id != null) {
                    batchKeys.add(key);
                    batchIds.add(id);
                }
                more = batchIds.size() == wanted;
            }
            considerAll(ds, scan, batchIds, batchKeys);
            batchIds.clear();
            batchKeys.clear();
        }
    }

    /** Reads a batch of candidates' documents in one walk of the document map, then checks each. */
    private static void considerAll(DoctypeStore ds, FindScan scan, List<String> ids, List<byte[]> keys) {
        if (ids.size() == 1) {
            scan.consider(ids.get(0), keys.get(0), ds.winner(ids.get(0)), ds::record);
        } else if (!ids.isEmpty()) {
            byte[][] data = SortedGets.values(ds.docs, ids);
            for (int i = 0; i < ids.size() && !scan.full(); i++) {
                scan.consider(ids.get(i), keys.get(i), data[i] == null ? null : DocCodec.winner(data[i]), ds::record);
            }
        }
    }

    private static void primary(DoctypeStore ds, FindScan scan) {
        String after = scan.after();
        String first = scan.descending()
                ? (after == null ? ds.docs.lastKey() : ds.docs.lowerKey(after))
                : (after == null ? ds.docs.firstKey() : ds.docs.higherKey(after));
        if (first == null) {
            return; // nothing (left) to scan: a null start would scan from the other end
        }
        Iterator<String> ids = scan.descending() ? ds.docs.keyIteratorReverse(first) : ds.docs.keyIterator(first);
        while (ids.hasNext() && !scan.full()) {
            String id = ids.next();
            if (id == null) {
                break;
            }
            scan.examined();
            if (!id.startsWith(Indexes.DESIGN_PREFIX)) {
                scan.consider(id, id.getBytes(StandardCharsets.UTF_8), ds.winner(id), ds::record);
            }
        }
    }
}
