package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.engine.FindScan;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.mango.FieldCondition;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.Selector;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts what a Mango query would find. A selector made only of equalities on every field of an
 * index without a partial filter, or on the leading fields of the index the caller names, is that
 * index's key range, whose size the B-tree's counted pages give in O(log n) (a named index holds
 * only the documents that have all its fields); any other selector is counted by paging through
 * {@code _find}.
 */
final class IndexCount {
    private IndexCount() {}

    static long count(DoctypeStore ds, ObjectNode selector, @Nullable String useIndex) {
        Map<String, FieldCondition> conds = Selector.parse(selector).andedConditions();
        IndexDef index = FindScan.exactIndex(ds.indexes, selector, useIndex);
        if (index == null) {
            return FindScan.countByPages(selector, useIndex, body -> Find.run(ds, body));
        }
        byte[][] range = IndexKeys.scanRange(index.fields(), conds);
        MVMap<byte[], String> map = ds.indexMap(index);
        return position(map, range[1]) - position(map, range[0]);
    }

    private static long position(MVMap<byte[], String> map, byte[] key) {
        long i = map.getKeyIndex(key);
        return i >= 0 ? i : -i - 1;
    }
}
