package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.datasystem.engine.IndexDef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated input on every entry point of a database: documents, ids, index
 * definitions, design documents, selectors, {@code _changes} and {@code _all_docs} parameters,
 * replication reads, local documents, and raw bulk bodies. Each call must succeed or fail with a
 * 4xx Hearth error, and afterwards the store, reopened, must still read whole. The seed is fixed
 * ({@code -Dhearth.fuzz.seed} tries another) and the run bounded in calls and time.
 */
class EngineFuzzTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final long BUDGET_NANOS = 10_000_000_000L;
    private static final String ODD = "\0\ud800\udc00\uFFFD\u00ff.\\$_ \"/%-";
    private static final String[] FIELDS = {
        "a",
        "b",
        "a.b",
        "a.b.c",
        "tags",
        "_id",
        "_rev",
        "a..b",
        "",
        ".",
        "a.",
        "a\\.b",
        "\\",
        "$gt",
        "x\0y",
        "\ud800",
        "n".repeat(5000),
        "1",
        "a.0"
    };
    private static final String[] OPS = {
        "$eq",
        "$gt",
        "$lt",
        "$in",
        "$exists",
        "$regex",
        "$elemMatch",
        "$or",
        "$not",
        "$size",
        "$mod",
        "$type",
        "$all",
        "$foo",
        "$text",
        "$keyMapMatch"
    };

    @TempDir
    Path dir;

    private Random random;
    private int refused;
    private int accepted;

    @Test
    void everyCallSucceedsOrFailsWithA4xxAndTheStoreStaysReadable() {
        random = new Random(Long.getLong("hearth.fuzz.seed", 20261206L));
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.fuzz");
            long start = System.nanoTime();
            for (int i = 0; i < 6000 && System.nanoTime() - start < BUDGET_NANOS; i++) {
                int op = random.nextInt(12);
                call(() -> step(db, op));
            }
        }
        assertThat(accepted).as("valid calls were made too").isGreaterThan(100);
        assertThat(refused).as("invalid calls were made too").isGreaterThan(100);
        try (TestDb reopened = new TestDb(dir)) {
            assertReadable(reopened.db("io.cozy.fuzz"));
        }
    }

    private void call(Runnable action) {
        try {
            action.run();
            accepted++;
        } catch (HearthException e) {
            assertThat(e.status()).as(e.getMessage()).isBetween(400, 499);
            refused++;
        }
    }

    private void step(MvDatabase db, int op) {
        switch (op) {
            case 0 -> db.save(doc());
            case 1 -> db.bulkDocs(bulkBody());
            case 2 -> streamed(db, mutate(Json.string(bulkBody())));
            case 3 -> db.createIndex(indexRequest());
            case 4 -> db.find(findRequest());
            case 5 ->
                TestDb.changes(
                        db,
                        new ChangesQuery(
                                text(),
                                random.nextBoolean(),
                                random.nextInt(5),
                                random.nextBoolean(),
                                random.nextBoolean(),
                                random.nextBoolean(),
                                random.nextInt(4) == 0 ? Set.of(id()) : null,
                                random.nextInt(4) == 0 ? selector(2) : null,
                                random.nextInt(8) == 0));
            case 6 -> TestDb.render(out -> db.allDocs(allDocsQuery(), out));
            case 7 -> TestDb.render(out -> db.revsDiff(revsDiffBody(), out));
            case 8 -> TestDb.render(out -> db.bulkGet(bulkGetBody(), random.nextBoolean(), out));
            case 9 -> local(db);
            case 10 -> db.get(id(), random.nextBoolean() ? null : rev(), random.nextBoolean());
            default -> db.save(designDoc());
        }
    }

    private static void streamed(MvDatabase db, String body) {
        try (JsonParser p =
                Json.mapper().createParser(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            db.bulkDocs(p);
        } catch (IOException e) {
            throw new AssertionError("Reading from memory cannot fail", e);
        }
    }

    private void local(MvDatabase db) {
        String id = id();
        switch (random.nextInt(3)) {
            case 0 -> db.putLocal(id, (ObjectNode) value(2, true));
            case 1 -> db.getLocal(id);
            default -> db.deleteLocal(id, random.nextBoolean() ? null : "0-" + random.nextInt(3));
        }
    }

    private String id() {
        return switch (random.nextInt(6)) {
            case 0 -> text();
            case 1 -> "_design/d" + random.nextInt(3);
            default -> "d" + random.nextInt(20);
        };
    }

    private String rev() {
        return random.nextInt(4) == 0 ? text() : (1 + random.nextInt(3)) + "-h" + random.nextInt(4);
    }

    private String text() {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            s.append(
                    random.nextInt(3) == 0
                            ? ODD.charAt(random.nextInt(ODD.length()))
                            : (char) ('a' + random.nextInt(3)));
        }
        return s.toString();
    }

    private String field() {
        return random.nextInt(3) == 0 ? text() : FIELDS[random.nextInt(FIELDS.length)];
    }

    private ObjectNode doc() {
        ObjectNode doc = (ObjectNode) value(2, true);
        if (random.nextInt(4) > 0) {
            doc.put("_id", id());
        }
        if (random.nextInt(3) == 0) {
            doc.put("_rev", rev());
        }
        if (random.nextInt(8) == 0) {
            doc.putObject("_revisions")
                    .put("start", random.nextInt(4))
                    .putArray("ids")
                    .add(text())
                    .add("h1");
        }
        if (random.nextInt(10) == 0) {
            doc.put(random.nextBoolean() ? "_deleted" : "_x", random.nextBoolean());
        }
        return doc;
    }

    private ObjectNode designDoc() {
        ObjectNode ddoc = F.objectNode().put("_id", "_design/" + text()).put("language", "query");
        ObjectNode map =
                ddoc.putObject("views").putObject("v" + random.nextInt(3)).putObject("map");
        map.putObject("fields").put(field(), "asc");
        if (random.nextInt(3) == 0) {
            map.set("partial_filter_selector", selector(2));
        }
        return ddoc;
    }

    private JsonNode bulkBody() {
        ObjectNode body = F.objectNode();
        ArrayNode docs = body.putArray("docs");
        for (int i = random.nextInt(5); i > 0; i--) {
            docs.add(random.nextInt(10) == 0 ? value(1, false) : doc());
        }
        if (random.nextInt(3) == 0) {
            body.set("new_edits", random.nextInt(4) == 0 ? value(0, false) : F.booleanNode(random.nextBoolean()));
        }
        return body;
    }

    /** A JSON text with a few characters replaced, inserted or removed. */
    private String mutate(String json) {
        StringBuilder s = new StringBuilder(json);
        String[] pieces = {
            "\\u0000",
            "\\ud800",
            "1e999999",
            "-2e308",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\0",
            "\ud800",
            "123456789012345678901234567890",
            "null",
            "\"docs\":[]"
        };
        for (int n = random.nextInt(3); n > 0 && !s.isEmpty(); n--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, pieces[random.nextInt(pieces.length)]);
                case 1 -> s.deleteCharAt(at);
                default -> s.replace(at, at + 1, pieces[random.nextInt(pieces.length)]);
            }
        }
        return s.toString();
    }

    private ObjectNode indexRequest() {
        ObjectNode request = F.objectNode();
        ObjectNode index = request.putObject("index");
        ArrayNode fields = index.putArray("fields");
        for (int i = random.nextInt(3); i >= 0; i--) {
            if (random.nextInt(6) == 0) {
                fields.addObject().put(field(), random.nextBoolean() ? "asc" : "up");
            } else {
                fields.add(random.nextInt(40) == 0 ? "f".repeat(50_001) : field());
            }
        }
        if (random.nextInt(3) == 0) {
            index.set("partial_filter_selector", random.nextInt(5) == 0 ? value(1, false) : selector(2));
        }
        if (random.nextBoolean()) {
            request.put("ddoc", random.nextBoolean() ? text() : "idx" + random.nextInt(3));
        }
        if (random.nextBoolean()) {
            request.put("name", text());
        }
        return request;
    }

    private ObjectNode findRequest() {
        ObjectNode request = F.objectNode();
        request.set("selector", random.nextInt(10) == 0 ? value(1, false) : selector(3));
        if (random.nextInt(3) == 0) {
            ArrayNode sort = request.putArray("sort");
            sort.add(random.nextBoolean() ? F.textNode(field()) : F.objectNode().put(field(), "desc"));
        }
        if (random.nextInt(3) == 0) {
            request.putArray("fields").add(field());
        }
        if (random.nextInt(3) == 0) {
            request.set("bookmark", random.nextInt(4) == 0 ? value(0, false) : F.textNode(text()));
        }
        if (random.nextInt(4) == 0) {
            request.set("use_index", random.nextBoolean() ? F.textNode(text()) : value(1, false));
        }
        request.set("limit", random.nextInt(5) == 0 ? value(0, false) : F.numberNode(random.nextInt(30)));
        return request;
    }

    private JsonNode selector(int depth) {
        ObjectNode selector = F.objectNode();
        for (int i = random.nextInt(3); i > 0; i--) {
            String op = OPS[random.nextInt(OPS.length)];
            JsonNode arg = depth > 0 && random.nextInt(3) == 0 ? selector(depth - 1) : value(1, false);
            if (op.equals("$or")) {
                selector.putArray(op).add(depth > 0 ? selector(depth - 1) : arg);
            } else {
                selector.putObject(field()).set(op, arg);
            }
        }
        return selector;
    }

    private AllDocsQuery allDocsQuery() {
        List<String> keys = random.nextInt(4) == 0 ? List.of(id(), text()) : null;
        return new AllDocsQuery(
                keys,
                random.nextBoolean() ? text() : null,
                random.nextBoolean() ? text() : null,
                random.nextBoolean(),
                random.nextBoolean(),
                random.nextInt(6) - 1,
                random.nextInt(3),
                random.nextBoolean(),
                random.nextBoolean(),
                random.nextBoolean());
    }

    private JsonNode revsDiffBody() {
        ObjectNode body = F.objectNode();
        for (int i = random.nextInt(3); i > 0; i--) {
            body.set(
                    id(),
                    random.nextInt(5) == 0 ? value(0, false) : F.arrayNode().add(rev()));
        }
        return random.nextInt(10) == 0 ? value(1, false) : body;
    }

    private JsonNode bulkGetBody() {
        ObjectNode body = F.objectNode();
        ArrayNode docs = body.putArray("docs");
        for (int i = random.nextInt(3); i > 0; i--) {
            docs.add(
                    random.nextInt(6) == 0
                            ? value(1, false)
                            : F.objectNode().put("id", id()).put("rev", rev()));
        }
        return random.nextInt(10) == 0 ? value(1, false) : body;
    }

    private JsonNode value(int depth, boolean object) {
        int kind = object ? 6 : random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 ->
                random.nextInt(10) == 0 ? F.numberNode(Double.POSITIVE_INFINITY) : F.numberNode(random.nextInt(9) - 4);
            case 3 -> F.textNode(text());
            case 4 -> F.numberNode(new BigInteger("1" + "0".repeat(random.nextInt(400))));
            case 5 -> {
                ArrayNode a = F.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    a.add(value(depth - 1, false));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(random.nextInt(4) == 0 ? text() : FIELDS[random.nextInt(5)], value(depth - 1, false));
                }
                yield o;
            }
        };
    }

    /** Every document, change and index of the reopened store reads back as JSON. */
    private static void assertReadable(MvDatabase db) {
        if (!db.exists()) {
            return;
        }
        JsonNode all = TestDb.render(
                out -> db.allDocs(new AllDocsQuery(null, null, null, true, false, -1, 0, true, true, true), out));
        assertThat(all.path("rows").size()).isEqualTo(all.path("total_rows").asInt());
        JsonNode changes = TestDb.changes(db, new ChangesQuery(null, false, 0, true, true, true, null, null, false));
        long deleted = db.store().read(() -> db.ds().deletedCount());
        assertThat(changes.path("results").size())
                .isEqualTo(all.path("total_rows").asInt() + deleted);
        for (IndexDef def : db.store().read(() -> List.copyOf(db.ds().indexes))) {
            ObjectNode find = F.objectNode();
            find.putObject("selector");
            find.putArray("use_index").add(def.ddoc()).add(def.name());
            find.put("limit", 1000);
            db.find(find);
        }
        assertThat(db.save(F.objectNode().put("_id", "final").put("ok", true)).isOk())
                .isTrue();
    }
}
