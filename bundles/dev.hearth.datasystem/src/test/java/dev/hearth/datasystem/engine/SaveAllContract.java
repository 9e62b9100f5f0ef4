package dev.hearth.datasystem.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code saveAll}: several documents in one commit, all or nothing. */
public abstract class SaveAllContract extends EngineContract {
    @Override
    protected String doctype() {
        return "io.cozy.files";
    }

    @Test
    protected void savesEveryDocumentOrNone() {
        WriteResult a = db.save(json("{\"_id\":\"a\",\"path\":\"/A\"}"));
        WriteResult b = db.save(json("{\"_id\":\"b\",\"path\":\"/A/B\"}"));
        List<WriteResult> moved = db.saveAll(List.of(
                json("{\"_id\":\"a\",\"_rev\":\"" + a.rev() + "\",\"path\":\"/X\"}"),
                json("{\"_id\":\"b\",\"_rev\":\"" + b.rev() + "\",\"path\":\"/X/B\"}"),
                json("{\"_id\":\"c\",\"path\":\"/X/C\"}")));
        assertThat(moved).extracting(WriteResult::id).containsExactly("a", "b", "c");
        assertThat(moved).allSatisfy(r -> assertThat(r.isOk()).isTrue());

        // one stale revision: nothing of the call is written
        assertThatThrownBy(() -> db.saveAll(List.of(
                        json("{\"_id\":\"a\",\"_rev\":\"" + moved.get(0).rev() + "\",\"path\":\"/Y\"}"),
                        json("{\"_id\":\"b\",\"_rev\":\"" + b.rev() + "\",\"path\":\"/Y/B\"}"))))
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(body("a")).contains("/X");
        assertThat(body("b")).contains("/X/B");

        // deletions in the same way
        db.saveAll(List.of(
                json("{\"_id\":\"c\",\"_rev\":\"" + moved.get(2).rev() + "\",\"_deleted\":true}"),
                json("{\"_id\":\"b\",\"_rev\":\"" + moved.get(1).rev() + "\",\"_deleted\":true}")));
        assertThatThrownBy(() -> db.get("c", null, false)).isInstanceOf(CouchException.class);
        assertThat(body("a")).contains("/X");
    }

    private String body(String id) {
        return new String(db.get(id, null, false).body(), StandardCharsets.UTF_8);
    }
}
