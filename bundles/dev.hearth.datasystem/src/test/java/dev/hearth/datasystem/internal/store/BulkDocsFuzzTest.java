package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.WriteResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random {@code _bulk_docs} bodies: the database answers each with results or a CouchDB error,
 * never anything else, and what it reports as written is exactly what it stores.
 */
class BulkDocsFuzzTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] KEYS = {
        "_id", "_rev", "_deleted", "_revisions", "_attachments", "_x", "_type", "a", "b", "new_edits", "docs"
    };

    @TempDir
    Path dir;

    @Test
    void randomBodiesNeverBreakTheDatabase() {
        Random random = new Random(20261122);
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.fuzz");
            int accepted = 0;
            for (int i = 0; i < 2000; i++) {
                JsonNode body = body(random);
                try {
                    List<WriteResult> results = db.bulkDocs(body);
                    for (WriteResult r : results) {
                        if (r.isOk()) {
                            accepted++;
                            assertThat(db.get(r.id(), r.rev(), false).rev()).isEqualTo(r.rev());
                        } else {
                            assertThat(r.error()).isNotBlank();
                        }
                    }
                } catch (CouchException e) {
                    assertThat(e.status()).isBetween(400, 499);
                }
            }
            assertThat(accepted).as("some random documents are valid").isPositive();
            JsonNode all = TestDb.allDocs(db, true);
            assertThat(all.path("rows").size()).isEqualTo(db.normalDocCount());
        }
    }

    private static JsonNode body(Random random) {
        if (random.nextInt(10) == 0) {
            return value(random, 2);
        }
        ObjectNode body = F.objectNode();
        ArrayNode docs = body.putArray("docs");
        for (int i = random.nextInt(6); i > 0; i--) {
            docs.add(random.nextInt(8) == 0 ? value(random, 2) : doc(random));
        }
        if (random.nextInt(4) == 0) {
            body.set("new_edits", random.nextBoolean() ? F.booleanNode(random.nextBoolean()) : value(random, 1));
        }
        return body;
    }

    private static ObjectNode doc(Random random) {
        ObjectNode doc = F.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
            String key = KEYS[random.nextInt(KEYS.length)];
            JsonNode value = switch (key) {
                case "_id" -> random.nextInt(5) == 0 ? value(random, 1) : F.textNode("d" + random.nextInt(20));
                case "_rev" ->
                    F.textNode(random.nextInt(3) == 0 ? "x" : (1 + random.nextInt(3)) + "-h" + random.nextInt(4));
                case "_deleted" -> random.nextBoolean() ? F.booleanNode(true) : value(random, 1);
                default -> value(random, 2);
            };
            doc.set(key, value);
        }
        return doc;
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(random.nextInt(100) - 50);
            case 3 -> F.textNode("s" + random.nextInt(10));
            case 4 -> F.numberNode(random.nextDouble());
            case 5 -> {
                ArrayNode a = F.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    a.add(value(random, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    o.set(KEYS[random.nextInt(KEYS.length)], value(random, depth - 1));
                }
                yield o;
            }
        };
    }
}
