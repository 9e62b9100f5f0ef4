package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.Revs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocRecordTest {

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewDocumentAndItsUpdates() {
        DocRecord doc = DocRecord.empty("a");
        int first = doc.addChild(-1, "h1", false, body("{\"v\":1}"));
        int second = doc.addChild(first, "h2", false, body("{\"v\":2}"));
        assertThat(doc.winner()).isEqualTo(second);
        assertThat(doc.winnerNode().rev()).isEqualTo("2-h2");
        assertThat(doc.body(first)).as("inner revisions keep no body").isNull();
        assertThat(doc.ancestry(second)).containsExactly("h2", "h1");
        assertThat(doc.conflicts()).isEmpty();
        assertThat(doc.leaves()).containsExactly(second);
    }

    @Test
    void replicatedBranchesConflictAndTheHighestHashWins() {
        DocRecord doc = DocRecord.empty("a");
        assertThat(doc.mergePath(2, List.of("bbb", "root"), false, body("{\"side\":\"b\"}")))
                .isTrue();
        assertThat(doc.mergePath(2, List.of("aaa", "root"), false, body("{\"side\":\"a\"}")))
                .isTrue();
        assertThat(doc.nodes).hasSize(3);
        assertThat(doc.winnerNode().rev()).isEqualTo("2-bbb");
        assertThat(doc.conflicts()).containsExactly("2-aaa");
        assertThat(doc.mergePath(2, List.of("aaa", "root"), false, body("{}")))
                .as("already known")
                .isFalse();
    }

    @Test
    void aLiveLeafBeatsALongerDeletedBranch() {
        DocRecord doc = DocRecord.empty("a");
        doc.mergePath(3, List.of("zzz", "y", "root"), true, body("{}"));
        doc.mergePath(2, List.of("aaa", "root"), false, body("{\"alive\":true}"));
        assertThat(doc.winnerNode().rev()).isEqualTo("2-aaa");
        assertThat(doc.conflicts()).as("deleted leaves are not conflicts").isEmpty();
    }

    @Test
    void whenEveryLeafIsDeletedTheHighestDeletedWins() {
        DocRecord doc = DocRecord.empty("a");
        doc.mergePath(2, List.of("b", "root"), true, body("{}"));
        doc.mergePath(3, List.of("c", "x", "root"), true, body("{}"));
        assertThat(doc.winnerNode().rev()).isEqualTo("3-c");
        assertThat(doc.winnerNode().deleted).isTrue();
    }

    @Test
    void anUnknownAncestryStartsANewBranch() {
        DocRecord doc = DocRecord.empty("a");
        doc.mergePath(1, List.of("one"), false, body("{}"));
        doc.mergePath(5, List.of("e", "d"), false, body("{\"later\":1}"));
        assertThat(doc.leaves()).hasSize(2);
        assertThat(doc.winnerNode().rev()).isEqualTo("5-e");
        assertThat(doc.ancestry(doc.winner())).containsExactly("e", "d");
    }

    @Test
    void aPathExtendingAKnownLeafAttachesToIt() {
        DocRecord doc = DocRecord.empty("a");
        doc.mergePath(1, List.of("one"), false, body("{}"));
        doc.mergePath(3, List.of("three", "two", "one"), false, body("{\"v\":3}"));
        assertThat(doc.leaves()).hasSize(1);
        assertThat(doc.ancestry(doc.winner())).containsExactly("three", "two", "one");
        assertThat(doc.body(doc.find(1, "one"))).isNull();
    }

    @Test
    void stemmingKeepsTheNewestRevisionsOfEachBranch() {
        DocRecord doc = DocRecord.empty("a");
        int parent = -1;
        for (int i = 1; i <= 10; i++) {
            parent = doc.addChild(parent, "h" + i, false, body("{}"));
        }
        doc.stem(3);
        assertThat(doc.nodes).hasSize(3);
        assertThat(doc.ancestry(doc.winner())).containsExactly("h10", "h9", "h8");
        assertThat(doc.winnerNode().pos).isEqualTo(10);
    }

    @Test
    void theCodecRoundTripsAndReadsTheWinnerFromTheHeader() {
        DocRecord doc = DocRecord.empty("a");
        doc.seq = 42;
        doc.mergePath(2, List.of("bbb", "root"), false, body("{\"side\":\"b\"}"));
        doc.mergePath(2, List.of("aaa", "root"), false, body("{\"side\":\"a\"}"));
        byte[] bytes = DocCodec.encode(doc);

        DocCodec.Winner w = DocCodec.winner(bytes);
        assertThat(w.rev()).isEqualTo("2-bbb");
        assertThat(w.seq()).isEqualTo(42);
        assertThat(new String(w.body(), StandardCharsets.UTF_8)).isEqualTo("{\"side\":\"b\"}");

        DocRecord back = DocCodec.decode("a", bytes);
        assertThat(back.seq).isEqualTo(42);
        assertThat(back.nodes).hasSize(3);
        assertThat(back.conflicts()).containsExactly("2-aaa");
        assertThat(new String(back.body(back.find(2, "aaa")), StandardCharsets.UTF_8))
                .isEqualTo("{\"side\":\"a\"}");
        assertThat(back.body(back.find(1, "root"))).isNull();
        assertThat(DocCodec.encode(back)).isEqualTo(bytes);
    }

    @Test
    void parsesRevisions() {
        assertThat(Revs.parse("12-abc")).isEqualTo(new Revs.Rev(12, "abc"));
        for (String bad : new String[] {"", "abc", "-abc", "0-abc", "1-", "x-abc", "1-a\"b", "12345678901-a"}) {
            assertThatThrownBy(() -> Revs.parse(bad))
                    .as(bad)
                    .isInstanceOf(CouchException.class)
                    .hasMessage("Invalid rev format");
        }
        assertThat(Revs.hash("1-a", false, body("{}")))
                .hasSize(32)
                .isEqualTo(Revs.hash("1-a", false, body("{}")))
                .isNotEqualTo(Revs.hash("1-a", true, body("{}")));
    }
}
