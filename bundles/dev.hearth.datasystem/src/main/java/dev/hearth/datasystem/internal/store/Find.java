package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.JsonFindResult;
import dev.hearth.datasystem.engine.FindScan;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import org.h2.mvstore.Cursor;

/**
 * Runs a Mango query on the embedded store: {@link FindScan} plans it and checks each
 * candidate; this walks the key range of the chosen index's map (or the primary index).
 */
final class Find {
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
        while (keys.hasNext() && !scan.full()) {
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
                scan.consider(id, key, ds.winner(id), ds::record);
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
