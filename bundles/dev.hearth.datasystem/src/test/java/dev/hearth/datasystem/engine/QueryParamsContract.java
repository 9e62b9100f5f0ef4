package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.AllDocsQuery;
import dev.hearth.datasystem.FindResult;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parameters the engine reads from query strings ({@code since}, bookmarks, keys) give a
 * result or a CouchDB 400 for any string, never another failure.
 */
public abstract class QueryParamsContract extends EngineContract {
    @Override
    protected String doctype() {
        return "io.cozy.things";
    }

    @BeforeEach
    void open() {
        for (int i = 0; i < 5; i++) {
            db.save(json("{\"_id\":\"d" + i + "\",\"n\":" + i + "}"));
        }
    }

    private static void assertBadRequest(Runnable action, String error, String reason) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CouchException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.reason()).startsWith(reason);
        });
    }

    private static AllDocsQuery range(String start, String end) {
        return new AllDocsQuery(null, start, end, true, false, -1, 0, false, false, true);
    }

    @Test
    void sinceIsASequenceOrCouchDbsMalformedSequence() {
        assertThat(changes(db, since("3")).path("results").size()).isEqualTo(2);
        assertThat(changes(db, since("3-g1AAAAFTeJzLYWBg_-w")).path("results").size())
                .isEqualTo(2);
        for (String bad : List.of(
                "1-\u00ff",
                "1-",
                "1-a b",
                "1-\0",
                "1-\ud800",
                "\u0663",
                "-1",
                "x",
                "1x",
                "9999999999999999999",
                "1-%ff")) {
            assertBadRequest(
                    () -> changes(db, since(bad)), "bad_request", "Malformed sequence supplied in 'since' parameter.");
        }
    }

    @Test
    void bookmarksAreBase64TextOrInvalid() {
        FindResult first = db.find(json("{\"selector\":{},\"limit\":2}"));
        assertThat(db.find(json("{\"selector\":{},\"limit\":2,\"bookmark\":\"" + first.bookmark() + "\"}"))
                        .docs())
                .extracting(d -> d.path("_id").asText())
                .containsExactly("d2", "d3");
        for (String bad : List.of("\"\\u0000\"", "\"%%\"", "\"A\"", "\"a b\"", "12", "{}", "[\"x\"]", "true")) {
            assertBadRequest(
                    () -> db.find(json("{\"selector\":{},\"bookmark\":" + bad + "}")),
                    "invalid_bookmark",
                    "Invalid bookmark value: ");
        }
        ObjectNode pastTheEnd = json("{\"selector\":{\"n\":{\"$gt\":0}},\"sort\":[\"_id\"]}");
        pastTheEnd.put("bookmark", "____");
        assertThat(db.find(pastTheEnd).docs())
                .as("a bookmark past the last id does not start over")
                .isEmpty();
        ObjectNode beforeTheStart = json("{\"selector\":{},\"sort\":[{\"_id\":\"desc\"}]}");
        beforeTheStart.put("bookmark", "AA");
        assertThat(db.find(beforeTheStart).docs()).isEmpty();
    }

    @Test
    void keysThatAreNoTextAreRefused() {
        for (AllDocsQuery q : List.of(
                range("\ud800", null),
                range(null, "a\udfff"),
                new AllDocsQuery(List.of("d1", "\ud800"), null, null, true, false, -1, 0, true, false, true))) {
            assertBadRequest(() -> render(out -> db.allDocs(q, out)), "bad_request", "invalid UTF-8 JSON");
        }
        JsonNode odd = render(out -> db.allDocs(range("\0", "\uFFFD\uFFFD"), out));
        assertThat(odd.path("rows").size()).isEqualTo(5);
    }

    @Test
    void anyStringGivesAResultOrA400() {
        Random random = new Random(7);
        String alphabet = "0123456789-_aZ%\0\ud800\udc00\uFFFD\u00ff=/+ \"\\n";
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            expectResultOr400(() -> changes(db, since(text)));
            ObjectNode find = json("{\"selector\":{}}");
            find.put("bookmark", text);
            expectResultOr400(() -> db.find(find));
            expectResultOr400(() -> render(out -> db.allDocs(range(text, text + "z"), out)));
        }
    }

    private static void expectResultOr400(Runnable call) {
        try {
            call.run();
        } catch (CouchException e) {
            assertThat(e.status()).isEqualTo(400);
        }
    }
}
