package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.Revision;
import dev.hearth.datasystem.WriteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deleted account stays readable by its last revision, across a restart of the store, as
 * CouchDB answers an old revision until a compaction; other doctypes keep their tombstones only.
 */
class DeletedBodyTest {
    @TempDir
    Path dir;

    @Test
    void theLastRevisionOfADeletedAccountIsReadableByItsIdAfterARestart() {
        String last;
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.accounts");
            WriteResult first = db.save(json("{\"_id\":\"acc\",\"auth\":{\"login\":\"old\"}}"));
            WriteResult second =
                    db.save(json("{\"_id\":\"acc\",\"_rev\":\"" + first.rev() + "\",\"auth\":{\"login\":\"alice\"}}"));
            last = second.rev();
            db.save(json("{\"_id\":\"acc\",\"_rev\":\"" + last + "\",\"_deleted\":true}"));
            assertMissing(() -> db.get("acc", first.rev(), false));
        }
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.accounts");
            Revision kept = db.get("acc", last, false);
            assertThat(kept.deleted()).isFalse();
            assertThat(new String(kept.body(), StandardCharsets.UTF_8)).contains("\"login\":\"alice\"");
            assertThatThrownBy(() -> db.get("acc", null, false))
                    .isInstanceOfSatisfying(
                            CouchException.class, e -> assertThat(e.reason()).isEqualTo("deleted"));
        }
    }

    @Test
    void otherDoctypesKeepOnlyTheTombstone() {
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.todos");
            WriteResult saved = db.save(json("{\"_id\":\"a\",\"title\":\"milk\"}"));
            db.save(json("{\"_id\":\"a\",\"_rev\":\"" + saved.rev() + "\",\"_deleted\":true}"));
            assertMissing(() -> db.get("a", saved.rev(), false));
        }
    }

    @Test
    void aRecreatedAccountIsReadAsUsual() {
        try (TestDb t = new TestDb(dir)) {
            MvDatabase db = t.db("io.cozy.accounts");
            WriteResult saved = db.save(json("{\"_id\":\"acc\",\"n\":1}"));
            db.save(json("{\"_id\":\"acc\",\"_rev\":\"" + saved.rev() + "\",\"_deleted\":true}"));
            db.save(json("{\"_id\":\"acc\",\"n\":2}"));
            assertThat(new String(db.get("acc", null, false).body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":2}");
        }
    }

    private static void assertMissing(Runnable read) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
