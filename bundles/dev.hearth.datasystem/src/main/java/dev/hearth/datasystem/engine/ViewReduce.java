package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.js.BudgetExceededException;
import dev.hearth.js.CallResult;
import dev.hearth.js.JsFunctions;
import dev.hearth.js.JsSandbox;
import dev.hearth.mango.Collation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The reduced rows of a view query: rows are read in the query's order and cut into groups
 * (consecutive rows whose group keys collate equal: the whole key with {@code group=true}, the
 * first {@code group_level} elements of an array key, one group without grouping), each group is
 * reduced, then {@code skip} and {@code limit} apply to the groups.
 *
 * <p>Each query reduces the rows of its range again (CouchDB keeps reductions in its B-tree
 * nodes; this index does not yet), except {@code _count} without grouping, which is the size of
 * the range, read from the index's positions without visiting a row. JavaScript reduces take the
 * values of a group in chunks of {@value #CHUNK}, then rereduce the chunks' results.
 */
final class ViewReduce {
    static final int CHUNK = 1000;

    private ViewReduce() {}

    static void write(
            ViewIndex index,
            List<ViewRange> ranges,
            ViewDef def,
            ViewQuery q,
            Supplier<@Nullable JsSandbox> sandbox,
            JsonGenerator out)
            throws IOException {
        if (q.groupLevel() == null && "_count".equals(def.reduce()) && q.keys() == null) {
            long count = index.count(ranges.getFirst());
            if (count > 0 && q.skip() == 0 && q.limit() != 0) {
                writeRow(out, NullNode.getInstance(), JsonNodeFactory.instance.numberNode(count));
            }
            return;
        }
        JsFunctions session = def.builtinReduce() ? null : ViewScripts.open(sandbox, def, "reduce", def.reduce());
        try {
            new Grouper(def, q, session, out).run(index, ranges);
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static void writeRow(JsonGenerator out, JsonNode key, JsonNode value) throws IOException {
        out.writeStartObject();
        out.writeFieldName("key");
        out.writeTree(key);
        out.writeFieldName("value");
        out.writeTree(value);
        out.writeEndObject();
    }

    /** Cuts the rows into groups and writes each group's reduction. */
    private static final class Grouper {
        private final ViewDef def;
        private final ViewQuery q;
        private final @Nullable JsFunctions session;
        private final JsonGenerator out;
        private @Nullable JsonNode groupKey;
        private final List<JsonNode> keys = new ArrayList<>();
        private final List<JsonNode> values = new ArrayList<>();
        private final List<JsonNode> partials = new ArrayList<>();
        private long skip;
        private long left;

        Grouper(ViewDef def, ViewQuery q, @Nullable JsFunctions session, JsonGenerator out) {
            this.def = def;
            this.q = q;
            this.session = session;
            this.out = out;
            this.skip = q.skip();
            this.left = q.limit() < 0 ? Long.MAX_VALUE : q.limit();
        }

        void run(ViewIndex index, List<ViewRange> ranges) {
            if (left == 0) {
                return;
            }
            index.scan(ranges, q.descending(), (k, v) -> row(ViewRows.row(v)));
            if (groupKey != null || !values.isEmpty() || !partials.isEmpty()) {
                flush();
            }
        }

        private boolean row(ViewRows.Row row) {
            JsonNode key = ViewAnswer.parse(row.key());
            JsonNode group = groupOf(key);
            if (groupKey != null && !Collation.equal(groupKey, group)) {
                if (!flush()) {
                    return false;
                }
            }
            groupKey = group;
            JsonNode pair = JsonNodeFactory.instance.arrayNode().add(key).add(row.id());
            keys.add(pair);
            values.add(ViewAnswer.parse(row.value()));
            if (values.size() >= CHUNK) {
                partials.add(reduce(false));
            }
            return true;
        }

        private JsonNode groupOf(JsonNode key) {
            Integer level = q.groupLevel();
            if (level == null) {
                return NullNode.getInstance();
            }
            if (level < 0 || !key.isArray() || key.size() <= level) {
                return key;
            }
            ArrayNode prefix = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < level; i++) {
                prefix.add(key.get(i));
            }
            return prefix;
        }

        /** Writes the finished group (unless skipped); false when the limit is reached. */
        private boolean flush() {
            if (!values.isEmpty()) {
                partials.add(reduce(false));
            }
            JsonNode result = partials.size() == 1 ? partials.getFirst() : rereduce();
            partials.clear();
            JsonNode key = groupKey == null ? NullNode.getInstance() : groupKey;
            groupKey = null;
            if (skip > 0) {
                skip--;
                return true;
            }
            try {
                writeRow(out, key, result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return --left > 0;
        }

        private JsonNode reduce(boolean rereduce) {
            JsonNode result =
                    def.builtinReduce() ? Builtins.reduce(def.reduce(), values, rereduce) : js(keys, values, rereduce);
            keys.clear();
            values.clear();
            return result;
        }

        private JsonNode rereduce() {
            List<JsonNode> all = List.copyOf(partials);
            return def.builtinReduce() ? Builtins.reduce(def.reduce(), all, true) : js(null, all, true);
        }

        private JsonNode js(@Nullable List<JsonNode> keyList, List<JsonNode> valueList, boolean rereduce) {
            ArrayNode args = JsonNodeFactory.instance.arrayNode();
            if (keyList == null) {
                args.addNull();
            } else {
                args.addArray().addAll(keyList);
            }
            args.addArray().addAll(valueList);
            args.add(rereduce);
            CallResult r;
            try {
                r = session.callEach("reduce", List.of(args.toString())).getFirst();
            } catch (BudgetExceededException e) {
                throw new CouchException(
                        500, "os_process_error", "The reduce function of " + def.name() + ": " + e.getMessage());
            }
            if (!r.succeeded() || r.value() == null) {
                throw new CouchException(
                        500, "reduce_error", "The reduce function of " + def.name() + " failed: " + r.error());
            }
            return ViewAnswer.parse(r.value());
        }
    }
}
