package dev.hearth.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** Where a replication starts, from the checkpoints both sides recorded. */
class CheckpointTest {
    @Test
    void bothSidesOfTheSameSessionStartFromItsSequence() {
        ObjectNode cp = Checkpoint.next(null, "s1", TextNode.valueOf("12-abc"), 5);
        assertThat(Checkpoint.startSeq(cp, cp.deepCopy()).asText()).isEqualTo("12-abc");
    }

    @Test
    void aMissingCheckpointOnEitherSideStartsFromTheBeginning() {
        ObjectNode cp = Checkpoint.next(null, "s1", IntNode.valueOf(12), 5);
        assertThat(Checkpoint.startSeq(cp, null).asInt()).isZero();
        assertThat(Checkpoint.startSeq(null, cp).asInt()).isZero();
    }

    @Test
    void sidesThatDivergedStartFromTheLatestSessionBothRecorded() {
        ObjectNode s1 = Checkpoint.next(null, "s1", IntNode.valueOf(10), 5);
        ObjectNode s2 = Checkpoint.next(s1, "s2", IntNode.valueOf(20), 5);
        ObjectNode source = Checkpoint.next(s2, "s3", IntNode.valueOf(30), 5);
        // the target lost its last write (restored from a backup): it stopped at s2
        assertThat(Checkpoint.startSeq(source, s2).asInt()).isEqualTo(20);
        // and a target that knows none of the sessions starts over
        assertThat(Checkpoint.startSeq(source, Checkpoint.next(null, "other", IntNode.valueOf(99), 5))
                        .asInt())
                .isZero();
    }

    @Test
    void theHistoryKeepsTheCurrentSessionFirstAndIsBounded() {
        ObjectNode cp = null;
        for (int i = 0; i < 10; i++) {
            cp = Checkpoint.next(cp, "s" + i, IntNode.valueOf(i), 4);
        }
        cp = Checkpoint.next(cp, "s9", IntNode.valueOf(42), 4);
        assertThat(cp.path("history")).hasSize(4);
        assertThat(cp.path("history").path(0).path("session_id").asText()).isEqualTo("s9");
        assertThat(cp.path("history").path(0).path("recorded_seq").asInt()).isEqualTo(42);
        assertThat(cp.path("history").path(1).path("session_id").asText()).isEqualTo("s8");
    }
}
