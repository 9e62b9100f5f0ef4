package dev.hearth.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's documents, revision trees, changes and local documents, on disk. */
class ReplicaStoreTest {
    static final String TODOS = "io.cozy.todos";

    @TempDir
    Path dir;

    private static ObjectNode doc(String json) {
        return Json.object(json);
    }

    /** A revision as a replication brings it: with its history. */
    private static ObjectNode replicated(String id, String rev, boolean deleted, String... ancestors) {
        ObjectNode d = Json.object().put("_id", id).put("_rev", rev).put("label", rev);
        if (deleted) {
            d.put("_deleted", true);
        }
        ObjectNode revisions = d.putObject("_revisions").put("start", ReplicaDoc.generation(rev));
        var ids = revisions.putArray("ids");
        ids.add(rev.substring(rev.indexOf('-') + 1));
        for (String a : ancestors) {
            ids.add(a.substring(a.indexOf('-') + 1));
        }
        return d;
    }

    @Test
    void localEditsChainRevisionsAndRefuseStaleOnes() throws IOException {
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            ObjectNode first = store.edit(TODOS, doc("{\"_id\":\"a\",\"label\":\"one\"}"));
            assertThat(first.path("_rev").asText()).startsWith("1-");
            assertThatThrownBy(() -> store.edit(TODOS, doc("{\"_id\":\"a\",\"label\":\"again\"}")))
                    .isInstanceOf(ClientException.ConflictException.class);
            ObjectNode second = store.edit(TODOS, first.deepCopy().put("label", "two"));
            assertThat(second.path("_rev").asText()).startsWith("2-");
            assertThatThrownBy(() -> store.edit(TODOS, first.deepCopy().put("label", "stale")))
                    .isInstanceOf(ClientException.ConflictException.class);
            assertThat(store.get(TODOS, "a").winner().revs())
                    .containsExactly(
                            second.path("_rev").asText(), first.path("_rev").asText());

            ObjectNode tomb = Json.object()
                    .put("_id", "a")
                    .put("_rev", second.path("_rev").asText());
            tomb.put("_deleted", true);
            assertThat(store.edit(TODOS, tomb).path("_rev").asText()).startsWith("3-");
            assertThat(store.live(TODOS)).isEmpty();
            ObjectNode again = store.edit(TODOS, doc("{\"_id\":\"a\",\"label\":\"back\"}"));
            assertThat(again.path("_rev").asText()).startsWith("4-");
            assertThat(store.live(TODOS))
                    .extracting(d -> d.path("label").asText())
                    .containsExactly("back");
            assertThat(store.edit(TODOS, doc("{\"label\":\"no id\"}"))
                            .path("_id")
                            .asText())
                    .hasSize(32);
        }
    }

    @Test
    void replicatedRevisionsExtendTheirBranchOrStartAConflictWithCouchDbsWinner() throws IOException {
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            store.merge(TODOS, List.of(replicated("d", "1-a", false)));
            store.merge(TODOS, List.of(replicated("d", "2-b", false, "1-a")));
            assertThat(store.get(TODOS, "d").leaves()).hasSize(1);
            assertThat(store.merge(TODOS, List.of(replicated("d", "2-b", false, "1-a"))))
                    .as("a known revision changes nothing")
                    .isEmpty();

            store.merge(TODOS, List.of(replicated("d", "2-c", false, "1-a")));
            ReplicaDoc d = store.get(TODOS, "d");
            assertThat(d.leaves()).extracting(ReplicaDoc.Leaf::rev).containsExactlyInAnyOrder("2-b", "2-c");
            assertThat(d.winner().rev()).isEqualTo("2-c");

            List<ObjectNode> changed = store.merge(TODOS, List.of(replicated("d", "3-e", true, "2-c", "1-a")));
            assertThat(changed.get(0).path("_rev").asText())
                    .as("a live leaf wins over a deleted one of a higher generation")
                    .isEqualTo("2-b");
            assertThat(store.revsDiff(TODOS, Map.of("d", List.of("1-a", "2-c", "3-e", "3-x"), "new", List.of("1-z"))))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("d", List.of("3-x"), "new", List.of("1-z")));
            ObjectNode sent =
                    store.get(TODOS, "d").document(store.get(TODOS, "d").leaf("3-e"), true);
            assertThat(sent.path("_revisions").path("start").asInt()).isEqualTo(3);
            assertThat(sent.path("_revisions").path("ids").toString()).isEqualTo("[\"e\",\"c\",\"a\"]");
            assertThat(sent.path("_deleted").asBoolean()).isTrue();
        }
    }

    @Test
    void aLocalEditOnALosingLeafKeepsTheOtherBranch() throws IOException {
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            store.merge(TODOS, List.of(replicated("d", "2-b", false, "1-a"), replicated("d", "2-c", false, "1-a")));
            ObjectNode edited = store.edit(TODOS, doc("{\"_id\":\"d\",\"_rev\":\"2-b\",\"label\":\"fixed\"}"));
            assertThat(store.get(TODOS, "d").leaves())
                    .extracting(ReplicaDoc.Leaf::rev)
                    .containsExactlyInAnyOrder("2-c", edited.path("_rev").asText());
            assertThat(store.get(TODOS, "d").winningDoc().path("_rev").asText()).startsWith("3-");
        }
    }

    @Test
    void changesComeInSequenceOrderWithTheLatestChangeOfEachDocumentOnly() throws IOException {
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            ObjectNode a = store.edit(TODOS, doc("{\"_id\":\"a\"}"));
            store.edit(TODOS, doc("{\"_id\":\"b\"}"));
            store.edit(TODOS, doc("{\"_id\":\"c\"}"));
            store.edit(TODOS, a.put("n", 1));
            assertThat(store.changesSince(TODOS, 0, 10))
                    .extracting(ReplicaDoc::id)
                    .containsExactly("b", "c", "a");
            assertThat(store.changesSince(TODOS, 0, 2))
                    .extracting(ReplicaDoc::id)
                    .containsExactly("b", "c");
            assertThat(store.changesSince(TODOS, 3, 10))
                    .extracting(ReplicaDoc::id)
                    .containsExactly("a");
            assertThat(store.updateSeq(TODOS)).isEqualTo(4);
        }
    }

    @Test
    void everythingComesBackAfterReopeningAndATornLastLineIsCutOff() throws IOException {
        String rev;
        String id;
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            id = store.replicaId();
            rev = store.edit(TODOS, doc("{\"_id\":\"a\",\"label\":\"kept\"}"))
                    .path("_rev")
                    .asText();
            store.merge(TODOS, List.of(replicated("r", "2-b", false, "1-a")));
            store.putLocal(TODOS, "checkpoint", Json.object().put("seq", 7));
            store.putLocal(TODOS, "gone", Json.object());
            store.putLocal(TODOS, "gone", null);
        }
        Path log = dir.resolve(TODOS + ".jsonl");
        Files.write(log, "{\"d\":{\"id\":\"half".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            assertThat(store.replicaId()).isEqualTo(id);
            assertThat(store.get(TODOS, "a").winner().rev()).isEqualTo(rev);
            assertThat(store.get(TODOS, "r").winner().revs()).containsExactly("2-b", "1-a");
            assertThat(store.getLocal(TODOS, "checkpoint").path("seq").asInt()).isEqualTo(7);
            assertThat(store.getLocal(TODOS, "gone")).isNull();
            assertThat(store.updateSeq(TODOS)).isEqualTo(2);
            store.edit(TODOS, doc("{\"_id\":\"after\"}"));
        }
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            assertThat(store.live(TODOS))
                    .extracting(d -> d.path("_id").asText())
                    .containsExactlyInAnyOrder("a", "r", "after");
        }
    }

    @Test
    void aLogOfManyEditsIsCompactedToItsLiveRecords() throws IOException {
        String last;
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            ObjectNode d = store.edit(TODOS, doc("{\"_id\":\"busy\",\"n\":0}"));
            for (int i = 1; i < 500; i++) {
                d = store.edit(TODOS, d.put("n", i));
            }
            last = d.path("_rev").asText();
        }
        assertThat(Files.readAllLines(dir.resolve(TODOS + ".jsonl"))).hasSizeLessThan(70);
        try (ReplicaStore store = ReplicaStore.open(dir)) {
            assertThat(store.get(TODOS, "busy").winningDoc().path("n").asInt()).isEqualTo(499);
            assertThat(store.get(TODOS, "busy").winner().rev()).isEqualTo(last).startsWith("500-");
        }
    }
}
