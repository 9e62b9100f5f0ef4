package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.ErrorObject;
import org.junit.jupiter.api.Test;

class ErrorObjectTest {

    @Test
    void rendersAJsonApiErrorWithAStringStatus() {
        String json = Json.string(
                ErrorObject.of(ApiException.invalidParameter("domain", "bad")).asBody());
        assertThat(json)
                .isEqualTo("{\"errors\":[{\"status\":\"422\",\"title\":\"Invalid Parameter\",\"detail\":\"bad\","
                        + "\"source\":{\"parameter\":\"domain\"}}]}");
        assertThat(Json.string(ErrorObject.of(ApiException.invalidAttribute("name", "empty"))
                        .asBody()))
                .contains("\"source\":{\"pointer\":\"/data/attributes/name\"}");
        assertThat(Json.string(ErrorObject.of(ApiException.notFound("x")).asBody()))
                .doesNotContain("source");
    }

    @Test
    void statusErrorsCarryExtraHeaders() {
        StatusException e = StatusException.badRequest("Invalid JWT token").withHeader("WWW-Authenticate", "Bearer");
        assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(e.status()).isEqualTo(400);
        assertThat(StatusException.unauthorized("x").headers()).isEmpty();
    }
}
