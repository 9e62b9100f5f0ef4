package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.WriteResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long read walks the keys of the version it started on, even when writes and compaction
 * free the chunks of that version in the middle of the read and new chunks take their space;
 * each row shows its document as it is when the row is written.
 */
class PinnedReadTest {
    private static final int DOCS = 4000;
    private static final String PADDING = "p".repeat(500);

    @TempDir
    Path dir;

    @Test
    void aStreamedReadSurvivesRewritesAndCompactionOfWhatItReads() throws IOException {
        try (TestDb t = new TestDb(dir, 1)) {
            t.store.retainChunksFor(0);
            MvDatabase db = t.db("io.cozy.snapshots");
            Map<String, String> before = rewriteAll(db, new HashMap<>(), 0);
            Map<String, String> after = new HashMap<>(before);
            StringWriter text = new StringWriter();
            Interrupting sink = new Interrupting(text, () -> {
                for (int round = 1; round <= 4; round++) {
                    rewriteAll(db, after, round);
                }
                t.store.compact();
            });
            try (JsonGenerator out = Json.mapper().getFactory().createGenerator(sink)) {
                db.allDocs(new AllDocsQuery(null, null, null, true, false, -1, 0, true, false, true), out);
            }
            assertThat(sink.fired).as("the writes happened during the read").isTrue();
            JsonNode rows = Json.mapper().readTree(text.toString()).path("rows");
            assertThat(rows).hasSize(DOCS);
            int rewritten = 0;
            for (JsonNode row : rows) {
                String id = row.path("id").asText();
                String rev = row.path("doc").path("_rev").asText();
                assertThat(row.path("value").path("rev").asText()).as(id).isEqualTo(rev);
                assertThat(rev).as(id).isIn(before.get(id), after.get(id));
                assertThat(row.path("doc").path("round").asInt()).as(id).isEqualTo(rev.equals(after.get(id)) ? 4 : 0);
                rewritten += rev.equals(after.get(id)) ? 1 : 0;
            }
            assertThat(rewritten)
                    .as("rows after the writes show the new revisions")
                    .isGreaterThan(DOCS / 2);
            assertThat(db.get("d0042", null, false).rev()).isEqualTo(after.get("d0042"));
        }
    }

    private static Map<String, String> rewriteAll(MvDatabase db, Map<String, String> revs, int round) {
        for (int from = 0; from < DOCS; from += 500) {
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode docs = body.putArray("docs");
            for (int i = from; i < from + 500; i++) {
                String id = "d%04d".formatted(i);
                ObjectNode doc =
                        docs.addObject().put("_id", id).put("round", round).put("padding", PADDING);
                if (revs.containsKey(id)) {
                    doc.put("_rev", revs.get(id));
                }
            }
            for (WriteResult r : db.bulkDocs(body)) {
                assertThat(r.isOk()).as(r.id()).isTrue();
                revs.put(r.id(), r.rev());
            }
        }
        return revs;
    }

    /** A writer that runs an action once, after the first few rows went out. */
    private static final class Interrupting extends Writer {
        private final StringWriter target;
        private final Runnable action;
        boolean fired;

        Interrupting(StringWriter target, Runnable action) {
            this.target = target;
            this.action = action;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            target.write(buffer, offset, length);
            if (!fired && target.getBuffer().length() > 20_000) {
                fired = true;
                action.run();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
