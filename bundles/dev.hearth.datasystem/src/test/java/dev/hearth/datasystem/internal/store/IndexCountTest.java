package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code count}: from an index's key range when the selector is that range, else by paging. */
class IndexCountTest {
    @TempDir
    Path dir;

    private TestDb t;
    private MvDatabase db;

    @BeforeEach
    void open() {
        t = new TestDb(dir);
        db = t.db("io.cozy.files");
        db.createIndex(
                json("{\"index\":{\"fields\":[\"dir_id\",\"name\"]},\"ddoc\":\"by-parent\",\"name\":\"by-parent\"}"));
        db.createIndex(json("{\"index\":{\"fields\":[\"type\"],\"partial_filter_selector\":{\"trashed\":true}},"
                + "\"ddoc\":\"trashed-by-type\",\"name\":\"trashed-by-type\"}"));
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void countsWhatFindFindsAfterWritesMovesAndDeletes() {
        Random random = new Random(7);
        List<WriteResult> saved = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            saved.add(db.save(json("{\"_id\":\"f" + i + "\",\"dir_id\":\"d" + random.nextInt(5) + "\",\"name\":\"n" + i
                    + "\",\"type\":\"" + (i % 3 == 0 ? "directory" : "file") + "\",\"trashed\":" + (i % 4 == 0)
                    + "}")));
        }
        for (int i = 0; i < 600; i += 7) {
            WriteResult w = saved.get(i);
            db.save(json("{\"_id\":\"" + w.id() + "\",\"_rev\":\"" + w.rev() + "\",\"_deleted\":true}"));
        }
        WriteResult moved = saved.get(1);
        db.save(json("{\"_id\":\"f1\",\"_rev\":\"" + moved.rev() + "\",\"dir_id\":\"d9\",\"name\":\"n1\"}"));
        for (String d : List.of("d0", "d1", "d2", "d3", "d4", "d9", "missing")) {
            assertThat(db.count(json("{\"dir_id\":\"" + d + "\"}"), "by-parent"))
                    .as(d)
                    .isEqualTo(scanned("{\"dir_id\":\"" + d + "\"}"));
        }
        assertThat(db.count(json("{\"dir_id\":\"d9\"}"), "by-parent")).isEqualTo(1);
        assertThat(db.count(json("{\"dir_id\":\"d2\",\"name\":\"n2\"}"), null))
                .isEqualTo(scanned("{\"dir_id\":\"d2\",\"name\":\"n2\"}"));
    }

    @Test
    void selectorsThatAreNotARangeAreCountedByPaging() {
        for (int i = 0; i < 2_500; i++) {
            db.save(json("{\"_id\":\"f" + i + "\",\"dir_id\":\"d" + (i % 2) + "\",\"name\":\"n" + i
                    + "\",\"type\":\"file\"," + "\"trashed\":" + (i % 5 == 0) + "}"));
        }
        // a partial index holds only the trashed documents: a range count would be wrong
        assertThat(db.count(json("{\"type\":\"file\",\"trashed\":true}"), null)).isEqualTo(500);
        assertThat(db.count(json("{\"type\":\"file\"}"), null)).isEqualTo(2_500);
        assertThat(db.count(json("{\"dir_id\":\"d1\",\"name\":{\"$gt\":\"n5\"}}"), "by-parent"))
                .isEqualTo(scanned("{\"dir_id\":\"d1\",\"name\":{\"$gt\":\"n5\"}}"));
        assertThat(db.count(json("{\"dir_id\":\"d0\"}"), "by-parent")).isEqualTo(1_250);
        // a document without the index's second field: in a count of the selector, not of the index
        db.save(json("{\"_id\":\"nameless\",\"dir_id\":\"d0\"}"));
        assertThat(db.count(json("{\"dir_id\":\"d0\"}"), null)).isEqualTo(1_251);
        assertThat(db.count(json("{\"dir_id\":\"d0\"}"), "by-parent")).isEqualTo(1_250);
    }

    private long scanned(String selector) {
        ObjectNode body = json("{\"limit\":100000}");
        body.set("selector", json(selector));
        return db.find(body).docs().size();
    }
}
