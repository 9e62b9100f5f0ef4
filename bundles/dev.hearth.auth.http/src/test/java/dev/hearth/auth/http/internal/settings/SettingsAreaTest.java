package dev.hearth.auth.http.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.test.web.FakeRequest;
import dev.hearth.test.web.Reply;
import dev.hearth.test.web.Served;
import dev.hearth.test.web.TestAuth;
import dev.hearth.test.web.TestHearth;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /settings routes over the real auth services and instance registry, without Felix. */
class SettingsAreaTest {
    @TempDir
    Path dir;

    private TestHearth hearth;
    private Served area;

    @BeforeEach
    void setUp() {
        hearth = TestHearth.in(dir, "alice.localhost");
        TestAuth auth = hearth.auth();
        area = Served.by(new SettingsArea(
                hearth.instances(),
                auth.sessions(),
                auth.passphrases(),
                auth.clients(),
                auth.twoFactor(),
                auth.throttle()));
    }

    @AfterEach
    void tearDown() {
        hearth.close();
    }

    private Reply call(FakeRequest request, String scope) {
        return area.call(request, hearth.context().cli(scope));
    }

    @Test
    void theInstanceDocumentIsReadAndUpdatedWithItsRevision() {
        Reply shown = call(FakeRequest.of("GET", "/settings/instance"), "io.cozy.settings");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.contentType()).isEqualTo("application/vnd.api+json");
        JsonNode data = shown.json().path("data");
        assertThat(data.path("id").asText()).isEqualTo("io.cozy.settings.instance");
        assertThat(data.path("attributes").path("locale").asText()).isEqualTo("en");
        String rev = data.path("meta").path("rev").asText();

        String body =
                "{\"data\":{\"type\":\"io.cozy.settings\",\"id\":\"io.cozy.settings.instance\",\"meta\":{\"rev\":\""
                        + rev + "\"},\"attributes\":{\"locale\":\"fr\",\"theme\":\"dark\",\"uuid\":\"forged\"}}}";
        Reply updated = call(FakeRequest.of("PUT", "/settings/instance").json(body), "io.cozy.settings");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode attributes = updated.json().path("data").path("attributes");
        assertThat(attributes.path("locale").asText()).isEqualTo("fr");
        assertThat(attributes.path("theme").asText()).isEqualTo("dark");
        assertThat(attributes.has("uuid"))
                .as("computed attributes are not the client's")
                .isFalse();
        assertThat(hearth.instances().get("alice.localhost").locale()).isEqualTo("fr");

        Reply stale = call(FakeRequest.of("PUT", "/settings/instance").json(body), "io.cozy.settings");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("errors").get(0).path("status").asText()).isEqualTo("409");
    }

    @Test
    void eachRouteChecksItsOwnPermission() {
        assertThat(call(FakeRequest.of("GET", "/settings/instance"), "io.cozy.files")
                        .status())
                .isEqualTo(403);
        assertThat(call(FakeRequest.of("GET", "/settings/sessions"), "io.cozy.settings")
                        .status())
                .isEqualTo(403);
        assertThat(call(FakeRequest.of("GET", "/settings/sessions"), "io.cozy.sessions")
                        .status())
                .isEqualTo(200);
        assertThat(call(FakeRequest.of("GET", "/settings/clients"), "io.cozy.settings")
                        .status())
                .isEqualTo(403);
        Reply anonymous = area.call(FakeRequest.of("GET", "/settings/capabilities"), hearth.context());
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void passphraseParametersArePublicAndTheHintIsNeverShown() {
        Reply params = area.call(FakeRequest.of("GET", "/settings/passphrase"), hearth.context());
        assertThat(params.status()).isEqualTo(200);
        assertThat(params.json().path("salt").asText()).isEqualTo("me@alice.localhost");
        assertThat(call(FakeRequest.of("GET", "/settings/hint"), "io.cozy.settings")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void readOnlySettingsAreJsonApiDocuments() {
        Reply capabilities = call(FakeRequest.of("GET", "/settings/capabilities"), "io.cozy.files");
        assertThat(capabilities
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("flat_subdomains")
                        .asBoolean())
                .isFalse();
    }
}
