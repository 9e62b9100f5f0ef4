package dev.hearth.datasystem.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.DocumentRules;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.internal.InstanceServiceImpl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes checked against the registered rules, over the real store: refused documents stay out. */
class RuledDatabaseTest {
    private static final String DOMAIN = "rules.localhost";
    private static final String TODOS = "io.cozy.todos";

    /** Todos need a string title; other doctypes are free. */
    private static final DocumentRules TITLED = new DocumentRules() {
        @Override
        public boolean governs(String domain, String doctype) {
            return domain.equals(DOMAIN) && doctype.equals(TODOS);
        }

        @Override
        public List<String> violations(String domain, String doctype, ObjectNode document) {
            return document.path("title").isTextual() ? List.of() : List.of("/title: expected a string (type)");
        }
    };

    @TempDir
    Path data;

    private DataServiceImpl service;

    @BeforeEach
    void start() throws Exception {
        InstanceServiceImpl instances = TestConfigs.instances(data);
        service = DataServiceImpl.embedded(instances, TestConfigs.datasystem());
        instances.create(NewInstance.of(DOMAIN));
        service.addRules(TITLED);
    }

    @AfterEach
    void stop() {
        service.deactivate();
    }

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    @Test
    void aSaveThatBreaksARuleIsForbiddenAndWritesNothing() throws Exception {
        Database db = service.database(DOMAIN, TODOS);
        assertThatThrownBy(() -> db.save(doc("{\"_id\":\"a\",\"title\":3}")))
                .isInstanceOfSatisfying(CouchException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("forbidden");
                    assertThat(e.reason()).contains("io.cozy.todos").contains("/title: expected a string (type)");
                });
        assertThat(db.exists()).isFalse();
        WriteResult ok = db.save(doc("{\"_id\":\"a\",\"title\":\"milk\"}"));
        assertThat(ok.isOk()).isTrue();
        ObjectNode deletion = doc("{\"_id\":\"a\",\"_deleted\":true}");
        deletion.put("_rev", ok.rev());
        assertThat(db.save(deletion).isOk()).as("deletions are not checked").isTrue();
        assertThat(service.database(DOMAIN, "io.cozy.notes")
                        .save(doc("{\"title\":3}"))
                        .isOk())
                .as("a doctype no rule governs")
                .isTrue();
    }

    @Test
    void bulkDocsRefusesTheBadDocumentAloneInItsPlace() throws Exception {
        Database db = service.database(DOMAIN, TODOS);
        String body = "{\"docs\":[{\"_id\":\"a\",\"title\":\"x\"},{\"_id\":\"b\"},{\"_id\":\"c\",\"title\":\"z\"}]}";
        List<WriteResult> results;
        try (JsonParser parser = Json.mapper().createParser(body)) {
            results = db.bulkDocs(parser);
        }
        assertThat(results).extracting(WriteResult::id).containsExactly("a", "b", "c");
        assertThat(results).extracting(WriteResult::error).containsExactly(null, "forbidden", null);
        assertThat(results.get(1).reason()).contains("/title");
        assertThat(db.normalDocCount()).isEqualTo(2);
    }

    @Test
    void replicatedRevisionsAreCheckedAndOnlyFailuresReported() throws Exception {
        Database db = service.database(DOMAIN, TODOS);
        JsonNode body = Json.mapper()
                .readTree("{\"new_edits\":false,\"docs\":[{\"_id\":\"a\",\"_rev\":\"1-aa\",\"title\":\"x\"},"
                        + "{\"_id\":\"b\",\"_rev\":\"1-bb\",\"title\":false}]}");
        List<WriteResult> results = db.bulkDocs(body);
        assertThat(results).extracting(WriteResult::id).containsExactly("b");
        assertThat(results.getFirst().error()).isEqualTo("forbidden");
        assertThat(db.get("a", null, false).rev()).isEqualTo("1-aa");
        assertThat(db.normalDocCount()).isEqualTo(1);
    }

    @Test
    void withoutRulesTheStoreIsUsedAsItIs() throws Exception {
        service.removeRules(TITLED);
        Database db = service.database(DOMAIN, TODOS);
        assertThat(db).isNotInstanceOf(RuledDatabase.class);
        assertThat(db.save(doc("{\"title\":3}")).isOk()).isTrue();
    }
}
