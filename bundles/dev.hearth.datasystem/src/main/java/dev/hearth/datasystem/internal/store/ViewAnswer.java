package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.ViewQueries;
import dev.hearth.datasystem.ViewQuery;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.RevNode;
import dev.hearth.datasystem.engine.Revs;
import dev.hearth.js.JsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/** Writes CouchDB's answer to a view query from the index, within a pinned read. */
final class ViewAnswer {
    private ViewAnswer() {}

    /** The checks of a query that need its view, with CouchDB's reasons. */
    static boolean reduces(ViewDef def, ViewQuery q) {
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

    static void write(
            DoctypeStore ds, ViewDef def, ViewQuery q, Supplier<@Nullable JsSandbox> sandbox, JsonGenerator out)
            throws IOException {
        boolean reduce = reduces(def, q);
        List<ViewRange> ranges = ViewRange.of(q);
        MVMap<byte[], byte[]> rows = ds.hasViewRows(def.signature()) ? ds.viewRows(def.signature()) : null;
        out.writeStartObject();
        if (reduce) {
            if (q.updateSeq()) {
                out.writeStringField("update_seq", Long.toString(ds.viewSeq(def.signature())));
            }
            out.writeArrayFieldStart("rows");
            if (rows != null) {
                ViewReduce.write(rows, ranges, def, q, sandbox, out);
            }
        } else {
            long total = rows == null ? 0 : rows.sizeAsLong();
            out.writeNumberField("total_rows", total);
            // With keys, CouchDB 2+ leaves offset out and PouchDB answers 0: 0 here.
            long offset = rows == null || q.keys() != null
                    ? 0
                    : Math.min(total, ranges.getFirst().before(rows, q.descending()) + q.skip());
            out.writeNumberField("offset", offset);
            if (q.updateSeq()) {
                out.writeStringField("update_seq", Long.toString(ds.viewSeq(def.signature())));
            }
            out.writeArrayFieldStart("rows");
            if (rows != null) {
                writeRows(ds, rows, ranges, q, out);
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeRows(
            DoctypeStore ds, MVMap<byte[], byte[]> rows, List<ViewRange> ranges, ViewQuery q, JsonGenerator out) {
        long[] skip = {q.skip()};
        long[] left = {q.limit() < 0 ? Long.MAX_VALUE : q.limit()};
        if (left[0] == 0) {
            return;
        }
        ViewRange.scanAll(ranges, rows, q.descending(), (key, value) -> {
            if (skip[0] > 0) {
                skip[0]--;
                return true;
            }
            writeRow(ds, ViewRows.row(value), q.includeDocs(), out);
            return --left[0] > 0;
        });
    }

    private static void writeRow(DoctypeStore ds, ViewRows.Row row, boolean includeDocs, JsonGenerator out) {
        try {
            out.writeStartObject();
            out.writeStringField("id", row.id());
            out.writeFieldName("key");
            out.writeRawValue(row.key());
            out.writeFieldName("value");
            out.writeRawValue(row.value());
            if (includeDocs) {
                out.writeFieldName("doc");
                String doc = linkedDoc(ds, row);
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
    private static @Nullable String linkedDoc(DoctypeStore ds, ViewRows.Row row) {
        String id = row.id();
        String rev = null;
        if (row.value().startsWith("{")) {
            JsonNode value = parse(row.value());
            if (value.path("_id").isTextual()) {
                id = value.path("_id").asText();
                rev = value.path("_rev").isTextual() ? value.path("_rev").asText() : null;
            }
        }
        Revision r = revision(ds, id, rev);
        return r == null ? null : new String(Documents.toBytes(r, null), StandardCharsets.UTF_8);
    }

    private static @Nullable Revision revision(DoctypeStore ds, String id, @Nullable String rev) {
        if (rev == null) {
            DocCodec.Winner w = ds.winner(id);
            return w == null || w.deleted() ? null : new Revision(id, w.rev(), false, w.body(), null, null);
        }
        DocRecord record = ds.record(id);
        if (record == null) {
            return null;
        }
        try {
            Revs.Rev parsed = Revs.parse(rev);
            int index = record.find(parsed.pos(), parsed.hash());
            RevNode node = index < 0 ? null : record.nodes.get(index);
            return node == null || node.body == null
                    ? null
                    : new Revision(id, node.rev(), node.deleted, node.body, null, null);
        } catch (CouchException e) {
            return null;
        }
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
