package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@code /settings} documents and CORS over real HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SettingsIT extends LoginSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private Http.Response get(String domain, String path, String token) {
        Http.Request r = Http.get(publicUrl() + path).host(domain).json();
        return (token == null ? r : r.bearer(token)).send();
    }

    @Test
    public void theInstanceSettingsAreADocumentWithARevision() {
        String domain = instanceWithPassphrase("settings");
        String token = cliToken(domain, "io.cozy.settings");
        JsonNode shown = get(domain, "/settings/instance", token).json().path("data");
        assertThat(shown.path("type").asText()).isEqualTo("io.cozy.settings");
        assertThat(shown.path("id").asText()).isEqualTo("io.cozy.settings.instance");
        assertThat(shown.path("attributes").path("locale").asText()).isEqualTo("en");
        assertThat(shown.path("attributes").path("password_defined").asBoolean())
                .isTrue();
        String rev = shown.path("meta").path("rev").asText();
        assertThat(rev).startsWith("1-");

        String body =
                "{\"data\":{\"type\":\"io.cozy.settings\",\"id\":\"io.cozy.settings.instance\",\"meta\":{\"rev\":\""
                        + rev
                        + "\"},\"attributes\":{\"email\":\"alice@example.com\",\"public_name\":\"Alice\",\"locale\":\"fr\","
                        + "\"password_defined\":false}}}";
        Http.Response put = Http.method("PUT", publicUrl() + "/settings/instance")
                .host(domain)
                .bearer(token)
                .json()
                .body(body)
                .send();
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode attributes = put.json().path("data").path("attributes");
        assertThat(attributes.path("public_name").asText()).isEqualTo("Alice");
        assertThat(attributes.path("password_defined").asBoolean())
                .as("computed, not settable")
                .isTrue();
        JsonNode admin = Http.get(adminUrl() + "/instances/" + domain)
                .basic("admin", adminPassphrase())
                .send()
                .json();
        assertThat(admin.path("data").path("attributes").path("locale").asText())
                .isEqualTo("fr");
        assertThat(admin.path("data").path("attributes").path("email").asText()).isEqualTo("alice@example.com");

        Http.Response stale = Http.method("PUT", publicUrl() + "/settings/instance")
                .host(domain)
                .bearer(token)
                .json()
                .body(body)
                .send();
        assertThat(stale.status()).isEqualTo(409);
        assertThat(get(domain, "/settings/instance", cliToken(domain, "io.cozy.files"))
                        .status())
                .isEqualTo(403);
        assertThat(get(domain, "/settings/instance", null).status()).isEqualTo(401);
    }

    @Test
    public void capabilitiesContextFlagsAndDiskUsage() {
        String domain = instanceWithPassphrase("readonly");
        String any = cliToken(domain, "io.cozy.files");
        JsonNode capabilities =
                get(domain, "/settings/capabilities", any).json().path("data").path("attributes");
        assertThat(capabilities.path("can_auth_with_password").asBoolean()).isTrue();
        assertThat(capabilities.path("flat_subdomains").asBoolean()).isFalse();
        assertThat(get(domain, "/settings/context", any)
                        .json()
                        .path("data")
                        .path("id")
                        .asText())
                .isEqualTo("io.cozy.settings.context");
        assertThat(get(domain, "/settings/flags", any)
                        .json()
                        .path("data")
                        .path("id")
                        .asText())
                .isEqualTo("io.cozy.settings.flags");
        assertThat(get(domain, "/settings/disk-usage", any).status()).isEqualTo(403);
        JsonNode usage = get(domain, "/settings/disk-usage", cliToken(domain, "io.cozy.settings:GET"))
                .json();
        assertThat(usage.path("data").path("attributes").path("used").asText()).isEqualTo("0");
    }

    @Test
    public void corsIsCredentialedOnTheApiAndOffForAuth() {
        String domain = instanceWithPassphrase("cors");
        Http.Response preflight = Http.method("OPTIONS", publicUrl() + "/data/io.cozy.notes/_find")
                .host(domain)
                .header("Origin", "http://notes.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://notes.example");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PATCH");
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("authorization, content-type");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("43200");

        Http.Response api = Http.get(publicUrl() + "/settings/capabilities")
                .host(domain)
                .header("Origin", "http://notes.example")
                .bearer(cliToken(domain, "io.cozy.files"))
                .json()
                .send();
        assertThat(api.header("Access-Control-Allow-Origin")).isEqualTo("http://notes.example");

        Http.Response auth = Http.method("OPTIONS", publicUrl() + "/auth/access_token")
                .host(domain)
                .header("Origin", "http://notes.example")
                .header("Access-Control-Request-Method", "POST")
                .send();
        assertThat(auth.header("Access-Control-Allow-Origin")).isNull();
    }
}
