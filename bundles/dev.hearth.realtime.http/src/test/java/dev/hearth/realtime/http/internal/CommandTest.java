package dev.hearth.realtime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.common.json.Json;
import org.junit.jupiter.api.Test;

/** Reading client frames: methods, tokens, targets, and the error frames of malformed ones. */
class CommandTest {

    private static ErrorFrame refused(Runnable action) {
        return catchThrowableOfType(CommandException.class, action::run).error();
    }

    @Test
    void readsAnAuthFrame() {
        Command auth = Command.parse("{\"method\":\"auth\",\"payload\":\"a.b.c\"}");
        assertThat(auth.method()).isEqualTo("AUTH");
        assertThat(auth.token()).isEqualTo("a.b.c");
    }

    @Test
    void anAuthFrameWithoutTokenIsUnauthorized() {
        for (String frame : new String[] {
            "{\"method\":\"AUTH\"}",
            "{\"method\":\"AUTH\",\"payload\":\"\"}",
            "{\"method\":\"AUTH\",\"payload\":{\"token\":\"x\"}}"
        }) {
            ErrorFrame error = refused(() -> Command.parse(frame).token());
            assertThat(error.status()).isEqualTo("401 Unauthorized");
            assertThat(error.code()).isEqualTo("unauthorized");
            assertThat(error.source()).isEqualTo(json(frame));
        }
    }

    @Test
    void readsTargets() {
        assertThat(Command.parse("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\"}}")
                        .target())
                .isEqualTo(new Target("io.cozy.todos", null));
        assertThat(Command.parse("{\"method\":\"subscribe\",\"payload\":{\"type\":\"io.cozy.todos\",\"id\":\"t1\"}}")
                        .target())
                .isEqualTo(new Target("io.cozy.todos", "t1"));
        assertThat(Command.parse("{\"method\":\"UNSUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.todos\",\"id\":\"\"}}")
                        .target()
                        .isWholeType())
                .isTrue();
    }

    @Test
    void aMissingOrInvalidTypeIsABadRequest() {
        ErrorFrame missing = refused(
                () -> Command.parse("{\"method\":\"SUBSCRIBE\",\"payload\":{}}").target());
        assertThat(missing.status()).isEqualTo("400 Bad Request");
        assertThat(missing.title()).isEqualTo("The type parameter is mandatory for SUBSCRIBE");
        assertThat(refused(() -> Command.parse("{\"method\":\"SUBSCRIBE\"}").target())
                        .code())
                .isEqualTo("bad request");
        assertThat(refused(() -> Command.parse("{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"IO.Cozy\"}}")
                                .target())
                        .title())
                .isEqualTo("IO.Cozy is not a valid doctype name");
        assertThat(refused(() -> Command.parse(
                                        "{\"method\":\"SUBSCRIBE\",\"payload\":{\"type\":\"io.cozy.x\",\"id\":3}}")
                                .target())
                        .title())
                .isEqualTo("The id parameter must be a string");
    }

    @Test
    void malformedFramesAreBadRequestsEchoingWhatWasSent() {
        ErrorFrame notJson = refused(() -> Command.parse("{method"));
        assertThat(notJson.status()).isEqualTo("400 Bad Request");
        assertThat(notJson.source().asText()).isEqualTo("{method");
        assertThat(refused(() -> Command.parse("")).title()).isEqualTo("The frame is empty");
        assertThat(refused(() -> Command.parse("[1]")).source()).isEqualTo(json("[1]"));
        assertThat(refused(() -> Command.parse("{\"payload\":\"x\"}")).title()).isEqualTo("The frame has no method");
        assertThat(refused(() -> Command.parse("{\"method\":1}")).title()).isEqualTo("The frame has no method");
        assertThatThrownBy(() -> Command.parse("{\"method\":\"AUTH\",\"method\":\"X\"}"))
                .isInstanceOf(CommandException.class);
    }

    @Test
    void errorFramesHaveTheCozyShape() {
        JsonNode source = json("{\"method\":\"PING\"}");
        JsonNode frame =
                json(Frames.error(ErrorFrame.methodNotAllowed("PING", source)).text());
        assertThat(frame.path("event").asText()).isEqualTo("error");
        assertThat(frame.path("payload").path("status").asText()).isEqualTo("405 Method Not Allowed");
        assertThat(frame.path("payload").path("code").asText()).isEqualTo("method not allowed");
        assertThat(frame.path("payload").path("title").asText()).startsWith("The PING method is not supported");
        assertThat(frame.path("payload").path("source")).isEqualTo(source);
        assertThat(ErrorFrame.forbidden("no", source)
                        .toJson()
                        .path("payload")
                        .path("code")
                        .asText())
                .isEqualTo("forbidden");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
