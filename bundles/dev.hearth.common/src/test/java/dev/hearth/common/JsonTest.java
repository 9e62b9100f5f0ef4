package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesAnObject() {
        assertThat(Json.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                        .get("a")
                        .asInt())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{'a':1}", "{\"a\":NaN}"})
    void refusesMalformedJson(String body) {
        assertThatThrownBy(() -> Json.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("Invalid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "1", "\"x\"", "null", "true"})
    void refusesNonObjects(String body) {
        assertThatThrownBy(() -> Json.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class)
                .hasMessage("The request body must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1e999999}", "{\"a\":[-2e308]}", "{\"a\":{\"b\":1.8e308}}"})
    void refusesNumbersThatOverflowADouble(String body) {
        assertThatThrownBy(() -> Json.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> Json.mapper().readTree(body))
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void keepsLargeFiniteNumbersAsTheyAre() throws Exception {
        String body = "{\"big\":123456789012345678901234567890123456789,\"max\":1.7976931348623157E308,"
                + "\"tiny\":4.9E-324}";
        JsonNode tree = Json.mapper().readTree(body);
        assertThat(new String(Json.storedBytes(tree), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(Json.storedBytes(tree)).isEqualTo(Json.bytes(tree));
    }

    @Test
    void refusesToStoreNonFiniteNumbersMadeInCode() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("a", Double.POSITIVE_INFINITY);
        assertThat(Json.string(doc)).isEqualTo("{\"a\":\"Infinity\"}");
        assertThatThrownBy(() -> Json.storedBytes(doc))
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
        ObjectNode nan = JsonNodeFactory.instance.objectNode();
        nan.put("b", Float.NaN);
        assertThatThrownBy(() -> Json.storedBytes(nan)).isInstanceOf(CouchException.class);
        assertThatThrownBy(() -> Json.mapper().createObjectNode().put("c", Double.NaN))
                .isInstanceOf(CouchException.class);
    }

    @Test
    void refusesToStoreMemberNamesThatWouldNotReadBack() throws Exception {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putObject("ok\ud83d\ude00").put("\udc00", 1);
        assertThatThrownBy(() -> Json.mapper().readTree(Json.bytes(doc)))
                .as("the parser refuses it")
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.storedBytes(doc))
                .isInstanceOfSatisfying(
                        CouchException.class, e -> assertThat(e.status()).isEqualTo(400));
        ObjectNode pair = JsonNodeFactory.instance.objectNode().put("\ud83d\ude00", "\ud800");
        assertThat(Json.mapper().readTree(Json.storedBytes(pair))).isEqualTo(pair);
    }

    @Test
    void leavesNullFieldsOut() {
        record R(String a, String b) {}
        assertThat(Json.string(new R("x", null))).isEqualTo("{\"a\":\"x\"}");
        assertThat(Json.string(Map.of("k", 1))).isEqualTo("{\"k\":1}");
    }
}
