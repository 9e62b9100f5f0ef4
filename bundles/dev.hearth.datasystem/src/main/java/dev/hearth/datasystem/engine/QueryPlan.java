package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.mango.FieldCondition;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.Sort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the index of a Mango query as CouchDB does: a json index is usable when the selector
 * requires every one of its fields and the sort follows its order; partial indexes are used only
 * when named; among usable indexes the one whose leading fields the selector constrains most
 * wins. Without one, the query falls back to the primary index ({@code _all_docs}) with a
 * warning, unless a sort needs an index.
 *
 * @param index the chosen json index, or null for the primary index
 * @param descending whether to scan the index backwards (a descending sort)
 */
public record QueryPlan(
        @Nullable IndexDef index,
        boolean descending,
        byte[] from,
        byte[] to,
        @Nullable String warning) {

    public static final String NO_INDEX_WARNING = "No matching index found, create an index to optimize query time.";

    public static QueryPlan choose(
            List<IndexDef> indexes, Map<String, FieldCondition> conds, Sort sort, @Nullable List<String> useIndex) {
        List<IndexDef> usable = new ArrayList<>();
        List<String> sortFields = sort.fields(); // built anew by each call
        for (IndexDef def : indexes) {
            boolean named = useIndex != null && names(def, useIndex);
            if ((def.partialFilter() == null || named)
                    && covers(def, conds, sortFields)
                    && sortFollows(def.fields(), conds, sortFields)) {
                usable.add(def);
            }
        }
        String warning = null;
        IndexDef chosen = null;
        if (useIndex != null) {
            chosen = usable.stream().filter(d -> names(d, useIndex)).findFirst().orElse(null);
            if (chosen == null) {
                warning =
                        "_design/" + useIndex.get(0) + " was not used because it is not a valid index for this query.";
            }
        }
        if (chosen == null) {
            chosen = usable.stream()
                    .max(Comparator.<IndexDef>comparingInt(d -> constrainedPrefix(d, conds))
                            .thenComparing(d -> -d.fields().size())
                            .thenComparing(IndexDef::name, Comparator.reverseOrder()))
                    .orElse(null);
        }
        boolean descending = sort.direction() == Sort.Direction.DESC && !sort.isEmpty();
        if (chosen == null) {
            if (!sort.isEmpty() && !sort.fields().equals(List.of("_id"))) {
                throw new CouchException(
                        400, "no_usable_index", "No index exists for this sort, try indexing by the sort fields.");
            }
            String noIndex = warning == null ? NO_INDEX_WARNING : warning + " " + NO_INDEX_WARNING;
            return new QueryPlan(null, descending, new byte[0], new byte[0], noIndex);
        }
        byte[][] range = IndexKeys.scanRange(chosen.fields(), conds);
        return new QueryPlan(chosen, descending, range[0], range[1], warning);
    }

    private static boolean names(IndexDef def, List<String> useIndex) {
        String ddoc = useIndex.get(0).startsWith("_design/") ? useIndex.get(0).substring(8) : useIndex.get(0);
        return def.ddoc().equals(ddoc) && (useIndex.size() < 2 || def.name().equals(useIndex.get(1)));
    }

    /**
     * Whether the selector requires every field of the index (documents without one are not in
     * it). As in CouchDB, the sort fields count as required: sorted results must have them.
     */
    private static boolean covers(IndexDef def, Map<String, FieldCondition> conds, List<String> sortFields) {
        for (String field : def.fields()) {
            if (sortFields.contains(field)) {
                continue;
            }
            FieldCondition c = conds.get(field);
            if (c == null
                    || !(c.equalTo().isPresent()
                            || c.lower().isPresent()
                            || c.upper().isPresent()
                            || c.in().isPresent()
                            || c.exists().orElse(false))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the index order gives the sort: sort fields in index order, skipping equality-fixed fields. */
    public static boolean sortFollows(List<String> fields, Map<String, FieldCondition> conds, Sort sort) {
        return sortFollows(fields, conds, sort.fields());
    }

    private static boolean sortFollows(List<String> fields, Map<String, FieldCondition> conds, List<String> wanted) {
        int j = 0;
        for (int i = 0; i < fields.size() && j < wanted.size(); i++) {
            if (fields.get(i).equals(wanted.get(j))) {
                j++;
            } else if (conds.get(fields.get(i)) == null
                    || conds.get(fields.get(i)).equalTo().isEmpty()) {
                return false;
            }
        }
        return j == wanted.size();
    }

    private static int constrainedPrefix(IndexDef def, Map<String, FieldCondition> conds) {
        int n = 0;
        for (String field : def.fields()) {
            FieldCondition c = conds.get(field);
            if (c == null) {
                break;
            }
            n++;
            if (c.equalTo().isEmpty()) {
                break;
            }
        }
        return n;
    }

    /** The list form of {@code use_index}: a design document name, or [design document, index name]. */
    public static @Nullable List<String> useIndex(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText().isEmpty() ? null : List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty() && node.size() <= 2) {
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }
        throw new CouchException(400, "bad_request", "use_index must be a string or a list of 1 or 2 strings");
    }
}
