package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.js.JsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Writes CouchDB's answer to a view query from the index, within a pinned read. */
public final class ViewAnswer {
    private ViewAnswer() {}

    /** The checks of a query that need its view, with CouchDB's reasons. */
    public static boolean reduces(ViewDef def, ViewQuery q) {
        if (Boolean.TRUE.equals(q.reduce()) && !def.hasReduce()) {
            throw ViewQueries.parseError("Reduce is invalid for map-only views.");
        }
        boolean reduce = def.hasReduce() && !Boolean.FALSE.equals(q.reduce());
        if (!reduce && q.groupLevel() != null) {
            throw ViewQueries.parseError("Invalid use of grouping on a map view.");
        }
        if (reduce && q.includeDocs()) {
            throw ViewQueries.parseError("Query parameter `include_docs` is invalid for reduce views.");
        }
        if (reduce && q.keys() != null && q.groupLevel() == null) {
            throw ViewQueries.parseError("Multi-key fetches for reduce views must use `group=true`");
        }
        return reduce;
    }

    /** Writes the answer to a query of the view from its index. */
    public static void write(
            ViewIndex index, ViewDef def, ViewQuery q, Supplier<@Nullable JsSandbox> sandbox, JsonGenerator out)
            throws IOException {
        boolean reduce = reduces(def, q);
        List<ViewRange> ranges = ViewRange.of(q);
        out.writeStartObject();
        if (reduce) {
            if (q.updateSeq()) {
                out.writeStringField("update_seq", Long.toString(index.seq()));
            }
            out.writeArrayFieldStart("rows");
            ViewReduce.write(index, ranges, def, q, sandbox, out);
        } else {
            long total = index.totalRows();
            out.writeNumberField("total_rows", total);
            // With keys, CouchDB 2+ leaves offset out and PouchDB answers 0: 0 here.
            long offset =
                    q.keys() != null ? 0 : Math.min(total, index.before(ranges.getFirst(), q.descending()) + q.skip());
            out.writeNumberField("offset", offset);
            if (q.updateSeq()) {
                out.writeStringField("update_seq", Long.toString(index.seq()));
            }
            out.writeArrayFieldStart("rows");
            writeRows(index, ranges, q, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeRows(ViewIndex index, List<ViewRange> ranges, ViewQuery q, JsonGenerator out) {
        long[] skip = {q.skip()};
        long[] left = {q.limit() < 0 ? Long.MAX_VALUE : q.limit()};
        if (left[0] == 0) {
            return;
        }
        index.scan(ranges, q.descending(), (key, value) -> {
            if (skip[0] > 0) {
                skip[0]--;
                return true;
            }
            writeRow(index, ViewRows.row(value), q.includeDocs(), out);
            return --left[0] > 0;
        });
    }

    private static void writeRow(ViewIndex index, ViewRows.Row row, boolean includeDocs, JsonGenerator out) {
        try {
            out.writeStartObject();
            out.writeStringField("id", row.id());
            out.writeFieldName("key");
            out.writeRawValue(row.key());
            out.writeFieldName("value");
            out.writeRawValue(row.value());
            if (includeDocs) {
                out.writeFieldName("doc");
                String doc = linkedDoc(index, row);
                if (doc == null) {
                    out.writeNull();
                } else {
                    out.writeRawValue(doc);
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document of a row: the one its value links to ({@code {"_id": ..., "_rev"?: ...}}, as
     * CouchDB's linked documents), else the one that emitted it; null when missing or deleted.
     */
    private static @Nullable String linkedDoc(ViewIndex index, ViewRows.Row row) {
        String id = row.id();
        String rev = null;
        if (row.value().startsWith("{")) {
            JsonNode value = parse(row.value());
            if (value.path("_id").isTextual()) {
                id = value.path("_id").asText();
                rev = value.path("_rev").isTextual() ? value.path("_rev").asText() : null;
            }
        }
        Revision r = index.revision(id, rev);
        return r == null ? null : new String(Documents.toBytes(r, null), StandardCharsets.UTF_8);
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
