package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.Revision;
import dev.hearth.js.BudgetExceededException;
import dev.hearth.js.CallResult;
import dev.hearth.js.JsFunctions;
import dev.hearth.mango.IndexKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a view's map function over a batch of changed documents, whatever the engine: each
 * document's rows come out as row keys and values in {@link ViewRows}' layout, ready to replace
 * the document's earlier rows. A map function that throws on a document, or runs out of its
 * per-document budget, skips that document (CouchDB logs and skips it too); a batch that runs out
 * of its own budget fails with 500 {@code os_process_error}.
 */
public final class ViewMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ViewMapper.class);

    /** Documents mapped per batch by the engines' indexers. */
    public static final int BATCH = 1000;

    private ViewMapper() {}

    /** A changed document: its JSON for the map function, or null when it emits nothing (deleted, design). */
    public record Changed(String id, @Nullable String json) {}

    /** The rows one document emits: row keys and values. */
    public record Mapped(String id, List<byte[]> keys, List<byte[]> values) {}

    /** The change of a document as the map function sees it (design documents are not mapped, as in CouchDB). */
    public static Changed changed(String id, DocCodec.@Nullable Winner w) {
        boolean skip = w == null || w.deleted() || id.startsWith("_design/");
        return new Changed(id, skip ? null : json(id, w));
    }

    private static String json(String id, DocCodec.Winner w) {
        return new String(
                Documents.toBytes(new Revision(id, w.rev(), false, w.body(), null, null), null),
                StandardCharsets.UTF_8);
    }

    /** The rows of each document of the batch, in its order. */
    public static List<Mapped> map(JsFunctions session, List<Changed> docs, ViewDef def) {
        List<String> inputs = new ArrayList<>();
        for (Changed c : docs) {
            if (c.json() != null) {
                inputs.add(c.json());
            }
        }
        List<CallResult> results;
        try {
            results = inputs.isEmpty() ? List.of() : session.callEach("map", inputs);
        } catch (BudgetExceededException e) {
            throw new CouchException(
                    500, "os_process_error", "The map function of " + def.name() + ": " + e.getMessage());
        }
        List<Mapped> out = new ArrayList<>(docs.size());
        int next = 0;
        for (Changed c : docs) {
            if (c.json() == null) {
                out.add(new Mapped(c.id(), List.of(), List.of()));
                continue;
            }
            CallResult r = results.get(next++);
            if (!r.succeeded() || r.value() == null) {
                LOG.debug("The map function of {} skipped {}: {}", def.name(), c.id(), r.error());
                out.add(new Mapped(c.id(), List.of(), List.of()));
                continue;
            }
            out.add(rows(c.id(), r.value()));
        }
        return out;
    }

    private static Mapped rows(String id, String json) {
        JsonNode rows;
        try {
            rows = Json.mapper().readTree(json);
        } catch (IOException e) {
            return new Mapped(id, List.of(), List.of());
        }
        List<byte[]> keys = new ArrayList<>(rows.size());
        List<byte[]> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode key = rows.get(i).get(0);
            byte[] prefix = ViewRows.docPrefix(IndexKeys.encode(key), id);
            keys.add(ViewRows.rowKey(prefix, i));
            values.add(ViewRows.rowValue(id, key.toString(), rows.get(i).get(1).toString()));
        }
        return new Mapped(id, keys, values);
    }
}
