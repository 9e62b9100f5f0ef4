package dev.hearth.datasystem.internal.store;

import static dev.hearth.datasystem.internal.store.TestDb.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.DocCodec;
import dev.hearth.datasystem.engine.DocRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalid field names in index definitions, queries and design documents are CouchDB's
 * {@code invalid_field_name} 400, and leave the database as it was.
 */
class BadIndexInputTest {
    private static final String TOO_LONG = "f".repeat(50_001);

    @TempDir
    Path dir;

    private TestDb t;
    private MvDatabase db;

    @BeforeEach
    void open() {
        t = new TestDb(dir);
        db = t.db("io.cozy.things");
        db.save(json("{\"_id\":\"one\",\"a\":{\"b\":{\"c\":1}}}"));
    }

    @AfterEach
    void close() {
        t.close();
    }

    private static void assertInvalidField(Runnable action, String reasonStart) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CouchException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_field_name");
            assertThat(e.reason()).startsWith(reasonStart);
        });
    }

    private static ObjectNode index(String field) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putObject("index").putArray("fields").add(field);
        return request;
    }

    private void assertUnchanged() {
        assertThat(TestDb.allDocs(db, true).path("rows").findValuesAsText("id")).containsExactly("one");
        assertThat(db.save(json("{\"_id\":\"two\",\"a\":2}")).isOk()).isTrue();
        assertThat(db.find(json("{\"selector\":{\"a\":2}}")).docs()).hasSize(1);
    }

    @Test
    void indexFieldsTooLongOrWithAnEmptySegmentAreRefused() {
        assertInvalidField(() -> db.createIndex(index(TOO_LONG)), "Invalid field name: ffff");
        assertInvalidField(() -> db.createIndex(index("a.b..c")), "Invalid field name: a.b..c");
        ObjectNode sorted = json("{\"index\":{\"fields\":[{\"a..b\":\"desc\"}]}}");
        assertInvalidField(() -> db.createIndex(sorted), "Invalid field name: a..b");
        assertUnchanged();
    }

    @Test
    void partialFiltersWithInvalidFieldsAreRefused() {
        ObjectNode empty = json("{\"index\":{\"fields\":[\"a\"],\"partial_filter_selector\":{\"x..y\":1}}}");
        assertInvalidField(() -> db.createIndex(empty), "Invalid field name: x..y");
        ObjectNode nested = json("{\"index\":{\"fields\":[\"a\"]}}");
        ObjectNode inner = ((ObjectNode) nested.get("index")).putObject("partial_filter_selector");
        for (int i = 0; i < 20; i++) {
            inner = inner.putObject("n" + i + "x".repeat(3000));
        }
        inner.put("$eq", 1);
        assertInvalidField(() -> db.createIndex(nested), "Invalid field name: n0xxx");
        ObjectNode notObject = json("{\"index\":{\"fields\":[\"a\"],\"partial_filter_selector\":\"x\"}}");
        assertThatThrownBy(() -> db.createIndex(notObject))
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertUnchanged();
    }

    @Test
    void designDocumentsDeclaringInvalidFieldsAreRefused() {
        for (String field : List.of("a..b", TOO_LONG.substring(0, 5000))) {
            ObjectNode ddoc = json("{\"_id\":\"_design/bad\",\"language\":\"query\",\"views\":{\"v\":{\"map\":{}}}}");
            ((ObjectNode) ddoc.at("/views/v/map")).putObject("fields").put(field, "asc");
            assertThatThrownBy(() -> db.save(ddoc))
                    .isInstanceOfSatisfying(
                            CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
            List<WriteResult> bulk = db.bulkDocs(json("{\"docs\":[" + ddoc + "]}"));
            assertThat(bulk)
                    .singleElement()
                    .satisfies(r -> assertThat(r.error()).isEqualTo("bad_request"));
        }
        assertUnchanged();
    }

    @Test
    void findRefusesInvalidFieldsInSelectorSortAndFields() {
        assertInvalidField(() -> db.find(json("{\"selector\":{\"a.b..c\":1}}")), "Invalid field name: a.b..c");
        ObjectNode longSelector = json("{\"selector\":{}}");
        ((ObjectNode) longSelector.get("selector")).put(TOO_LONG.substring(0, 5000), 1);
        assertInvalidField(() -> db.find(longSelector), "Invalid field name: ffff");
        assertInvalidField(() -> db.find(json("{\"selector\":{},\"sort\":[\"a..b\"]}")), "Invalid field name: a..b");
        ObjectNode longSort = json("{\"selector\":{}}");
        longSort.putArray("sort").add(TOO_LONG);
        assertInvalidField(() -> db.find(longSort), "Invalid field name: ffff");
        assertInvalidField(() -> db.find(json("{\"selector\":{},\"fields\":[\"a..b\"]}")), "Invalid field name: a..b");
        ObjectNode longFields = json("{\"selector\":{}}");
        longFields.putArray("fields").add(TOO_LONG);
        assertInvalidField(() -> db.find(longFields), "Invalid field name: ffff");
        assertUnchanged();
    }

    @Test
    void aStoredDesignDocumentWithInvalidIndexesDoesNotBreakItsDatabase() {
        byte[] body = ("{\"language\":\"query\",\"views\":{\"v\":{\"map\":{\"fields\":{\"a..b\":\"asc\"}},"
                        + "\"options\":{\"def\":{\"fields\":[\"a..b\"]}}}}}")
                .getBytes(StandardCharsets.UTF_8);
        t.store.write(batch -> {
            DoctypeStore ds = db.ds();
            DocRecord record = DocRecord.empty("_design/old");
            record.addChild(-1, "abc", false, body);
            ds.docs.put(record.id, DocCodec.encode(record));
            return null;
        });
        t.close();
        t = new TestDb(dir);
        db = t.db("io.cozy.things");
        assertThat(db.save(json("{\"_id\":\"after\",\"a\":{\"b\":1}}")).isOk()).isTrue();
        assertThat(db.find(json("{\"selector\":{\"_id\":\"after\"}}")).docs()).hasSize(1);
    }
}
