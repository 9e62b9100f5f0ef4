package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.StatusException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Test
    void splitsOnRawSlashesThenDecodesEachSegment() {
        assertThat(Routes.split("/data/io.cozy.apps/io.cozy.apps%2Fdrive"))
                .containsExactly("data", "io.cozy.apps", "io.cozy.apps/drive");
        assertThat(Routes.split("/status/")).containsExactly("status");
        assertThat(Routes.split("/")).isEmpty();
        assertThat(Routes.split("")).isEmpty();
        assertThat(Routes.split("/a%20b/c+d")).containsExactly("a b", "c+d");
        assertThat(Routes.split("/caf%C3%A9")).containsExactly("café");
    }

    @Test
    void refusesBrokenPercentEncoding() {
        assertThatThrownBy(() -> Routes.split("/a%zz"))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void matchesLiteralsAndParameters() {
        String[] pattern = Routes.split("/instances/:domain");
        assertThat(Routes.match(pattern, Routes.split("/instances/alice.localhost:8080")))
                .isEqualTo(Map.of("domain", "alice.localhost:8080"));
        assertThat(Routes.match(pattern, Routes.split("/instances"))).isNull();
        assertThat(Routes.match(pattern, Routes.split("/instances/a/b"))).isNull();
        assertThat(Routes.match(pattern, Routes.split("/other/a"))).isNull();
        assertThat(Routes.match(Routes.split("/instances/count"), Routes.split("/instances/count")))
                .isEmpty();
    }

    @Test
    void aRestParameterTakesTheRemainingSegments() {
        String[] pattern = Routes.split("/files/*path");
        assertThat(Routes.match(pattern, Routes.split("/files/a/b/c"))).isEqualTo(Map.of("path", "a/b/c"));
        assertThat(Routes.match(pattern, Routes.split("/files"))).isNull();
    }

    @Test
    void theShapeTestAgreesWithTheMatchOnEveryPair() {
        List<String> patterns = List.of(
                "/files/:id",
                "/files/download/:id",
                "/files/*path",
                "/files/:id/relationships/contents",
                "/status",
                "/");
        List<String> paths = List.of(
                "/files/abc",
                "/files/",
                "/files//x",
                "/files/download/abc",
                "/files/download",
                "/files/a/b/c",
                "/files/abc/relationships/contents",
                "/status",
                "/statuses",
                "/",
                "/files/%2F");
        for (String p : patterns) {
            for (String path : paths) {
                String[] pattern = Routes.split(p);
                String[] segments = Routes.split(path);
                assertThat(Routes.matches(pattern, segments))
                        .as(p + " on " + path)
                        .isEqualTo(Routes.match(pattern, segments) != null);
            }
        }
        assertThat(Routes.matches(Routes.split("/files/:id"), Routes.split("/files/x")))
                .isTrue();
        assertThat(Routes.matches(Routes.split("/files/:id"), Routes.split("/files/download/x")))
                .isFalse();
    }

    @Test
    void derivesOneWhiteboardPatternPerLiteralStartLeavingOutCoveredOnes() {
        Routes.Handler none = call -> {};
        Routes data = new Routes(ErrorStyle.COUCH)
                .get("/data", none)
                .get("/data/:doctype", none)
                .post("/data/:doctype/_find", none)
                .get("/data/_all_doctypes", none);
        assertThat(data.patterns()).containsExactly("/data/*");

        Routes settings = new Routes(ErrorStyle.JSON_API)
                .get("/settings/passphrase", none)
                .delete("/settings/clients/:id", none)
                .get("/settings/clients", none)
                .get("/", none);
        assertThat(settings.patterns()).containsExactlyInAnyOrder("/settings/passphrase/*", "/settings/clients/*", "/");

        Routes tokens =
                new Routes(ErrorStyle.JSON_API).post("/instances/token", none).post("/instances/oauth_client", none);
        assertThat(tokens.patterns()).containsExactly("/instances/token/*", "/instances/oauth_client/*");
    }

    @Test
    void aRouteStartsWithALiteralSegment() {
        assertThatThrownBy(() -> new Routes(ErrorStyle.PLAIN).get("/:id", call -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
