package dev.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases where cozy-client's in-memory evaluation (sift.js and a JavaScript sort) answers
 * differently from the server: here the store and the server agree, and both give CouchDB's
 * answer.
 */
class SiftDivergenceTest {
    static final String T = "io.cozy.things";

    @TempDir
    Path dir;

    EngineLink engine;
    HearthClient client;

    @BeforeEach
    void open() {
        engine = new EngineLink(dir);
        List<ObjectNode> docs = new ArrayList<>();
        String[] values = {"null", "false", "true", "1", "2.5", "\"b\"", "\"A\"", "\"a\"", "[1]", "{\"x\":1}"};
        for (int i = 0; i < values.length; i++) {
            docs.add(Json.object("{\"_id\":\"v" + i + "\",\"v\":" + values[i] + "}"));
        }
        docs.add(Json.object("{\"_id\":\"missing\",\"other\":1}"));
        docs.add(Json.object("{\"_id\":\"arr\",\"tags\":[\"x\",\"y\"]}"));
        docs.add(Json.object("{\"_id\":\"scalar\",\"tags\":\"x\"}"));
        engine.put(T, docs);
        client = HearthClient.builder().link(engine).build();
        client.query(Q.of(T), QueryOptions.as("all"));
    }

    @AfterEach
    void close() {
        client.close();
        engine.close();
    }

    private List<String> both(Q q) {
        List<String> server =
                Docs.ids(engine.request(new Operation.Query(q), null).data());
        assertThat(Docs.ids(client.executeFromStore(q)))
                .as("store vs server for %s", q)
                .isEqualTo(server);
        return server;
    }

    @Test
    void mixedTypesSortInCouchDbCollationOrder() {
        assertThat(both(Q.of(T).sortBy("v")))
                .containsExactly("v0", "v1", "v2", "v3", "v4", "v7", "v6", "v5", "v8", "v9");
        assertThat(both(Q.of(T).sortDescBy("v"))).startsWith("v9", "v8", "v5").endsWith("v0");
    }

    @Test
    void aDocumentWithoutTheSortFieldIsNotInTheResult() {
        assertThat(both(Q.of(T).sortBy("v"))).doesNotContain("missing", "arr", "scalar");
    }

    @Test
    void existsIsTrueForANullValue() {
        assertThat(both(Q.of(T).where("{\"v\":{\"$exists\":true}}")))
                .contains("v0")
                .hasSize(10);
        assertThat(both(Q.of(T).where("{\"v\":null}"))).containsExactly("v0");
    }

    @Test
    void equalityOnAnArrayFieldComparesTheWholeArray() {
        assertThat(both(Q.of(T).where("{\"tags\":\"x\"}"))).containsExactly("scalar");
        assertThat(both(Q.of(T).where("{\"tags\":[\"x\",\"y\"]}"))).containsExactly("arr");
    }

    @Test
    void inOnAnIndexedArrayFieldFindsOnlyTheValuesInTheIndexRange() {
        assertThat(both(Q.of(T).where("{\"tags\":{\"$in\":[\"x\"]}}"))).containsExactly("scalar");
    }

    @Test
    void aRangeOnANumberRunsOnThroughStringsArraysAndObjectsInCollationOrder() {
        assertThat(both(Q.of(T).where("{\"v\":{\"$gt\":1}}").sortBy("v")))
                .containsExactly("v4", "v7", "v6", "v5", "v8", "v9");
    }
}
