package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesAnObject() {
        assertThat(Json.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).get("a").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{'a':1}", "{\"a\":NaN}"})
    void refusesMalformedJson(String body) {
        assertThatThrownBy(() -> Json.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("Invalid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "1", "\"x\"", "null", "true"})
    void refusesNonObjects(String body) {
        assertThatThrownBy(() -> Json.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class).hasMessage("The request body must be a JSON object");
    }

    @Test
    void leavesNullFieldsOut() {
        record R(String a, String b) {}
        assertThat(Json.string(new R("x", null))).isEqualTo("{\"a\":\"x\"}");
        assertThat(Json.string(Map.of("k", 1))).isEqualTo("{\"k\":1}");
    }
}
