package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Two apps installed from archives talk through an intent: the client app asks to pick a file, the
 * server names the installed app that offers it with the page to frame, and only that app reads
 * the intent back. The doctypes the installed apps declare are listed by {@code
 * /data/_all_doctypes} before any document of theirs exists.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntentsIT extends HearthTestSupport {
    private static final String PICK_FILE = "{\"data\":{\"type\":\"io.cozy.intents\",\"attributes\":"
            + "{\"action\":\"pick\",\"type\":\"io.cozy.files\",\"permissions\":[\"GET\"],\"data\":{\"x\":1}}}}";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    /**
     * An app archive; its version follows its content, since one version of an app is one bundle
     * for every instance and another content under the same version is refused.
     */
    private static String archive(String slug, String permissions, String intents) throws Exception {
        String version = "1.0." + Math.floorMod((permissions + intents).hashCode(), 100_000);
        return new TarGz()
                .file(
                        slug + "/manifest.webapp",
                        "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"" + version + "\","
                                + "\"permissions\":" + permissions + ",\"intents\":" + intents + "}")
                .file(slug + "/index.html", "<html>" + slug + "</html>")
                .writeTo(TestTemp.file(slug, ".tar.gz"))
                .toUri()
                .toString();
    }

    private Http.Response call(String method, String path, String domain, String token, String body) {
        Http.Request request =
                Http.method(method, publicUrl() + path).host(domain).json().body(body);
        return (token == null ? request : request.bearer(token)).send();
    }

    private void install(String domain, String cli, String slug, String source) {
        Http.Response installed = call("POST", "/apps/" + slug + "?Source=" + source, domain, cli, "");
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);
    }

    private List<String> allDoctypes(String domain) {
        Http.Response r = call("GET", "/data/_all_doctypes", domain, cliToken(domain, "io.cozy.doctypes:GET"), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().forEach(n -> names.add(n.asText()));
        return names;
    }

    @Test
    public void anAppAsksAnotherToPickAFileAndOnlyThatAppReadsTheIntent() throws Exception {
        String domain = createInstance("intents");
        String cli = cliToken(domain, "io.cozy.apps");
        assertThat(allDoctypes(domain)).doesNotContain("io.cozy.contacts", "io.cozy.photos.albums");
        install(domain, cli, "contacts", archive("contacts", "{\"c\":{\"type\":\"io.cozy.contacts\"}}", "[]"));
        install(
                domain,
                cli,
                "drive",
                archive(
                        "drive",
                        "{\"a\":{\"type\":\"io.cozy.photos.albums\"},\"b\":{\"type\":\"io.cozy.bank.*\"}}",
                        "[{\"action\":\"PICK\",\"type\":[\"io.cozy.files\",\"image/*\"],\"href\":\"/pick\"}]"));
        assertThat(allDoctypes(domain))
                .contains("io.cozy.apps", "io.cozy.contacts", "io.cozy.photos.albums")
                .doesNotContain("io.cozy.bank.*")
                .isSorted();

        String client = adminToken(domain, "Audience=app&Subject=contacts");
        Http.Response created = call("POST", "/intents", domain, client, PICK_FILE);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.header("Content-Type")).startsWith("application/vnd.api+json");
        JsonNode intent = created.json().path("data");
        String id = intent.path("id").asText();
        assertThat(id).isNotEmpty();
        assertThat(intent.path("type").asText()).isEqualTo("io.cozy.intents");
        assertThat(intent.path("meta").path("rev").asText()).startsWith("1-");
        assertThat(intent.path("links").path("self").asText()).isEqualTo("/intents/" + id);
        JsonNode attributes = intent.path("attributes");
        assertThat(attributes.path("action").asText()).isEqualTo("pick");
        assertThat(attributes.path("type").asText()).isEqualTo("io.cozy.files");
        assertThat(attributes.path("permissions").toString()).isEqualTo("[\"GET\"]");
        assertThat(attributes.path("client").asText()).isEqualTo("http://contacts." + domain);
        assertThat(attributes.path("services").toString())
                .isEqualTo("[{\"slug\":\"drive\",\"href\":\"http://drive." + domain + "/pick?intent=" + id + "\"}]");
        assertThat(attributes.has("availableApps")).isTrue();
        assertThat(attributes.path("availableApps").isNull()).isTrue();
        assertThat(attributes.has("data"))
                .as("the data is for the service, not stored")
                .isFalse();

        Http.Response read =
                call("GET", "/intents/" + id, domain, adminToken(domain, "Audience=app&Subject=drive"), "");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("data").path("attributes")).isEqualTo(attributes);
        assertThat(call("GET", "/intents/" + id, domain, adminToken(domain, "Audience=app&Subject=notes"), "")
                        .status())
                .as("an app the intent does not name")
                .isEqualTo(403);
        assertThat(call("GET", "/intents/" + id, domain, client, "").status())
                .as("the client is no service")
                .isEqualTo(403);
        assertThat(call("GET", "/intents/" + id, domain, null, "").status()).isEqualTo(401);

        String framing = Http.get(publicUrl() + "/pick?intent=" + id)
                .host("drive." + domain)
                .send()
                .header("Content-Security-Policy");
        assertThat(framing)
                .as("the service app may be framed by the intent's client")
                .contains(";frame-ancestors 'self' http://contacts." + domain + ";");
        assertThat(Http.get(publicUrl() + "/?intent=" + id)
                        .host("notes." + domain)
                        .send()
                        .header("Content-Security-Policy"))
                .as("but no other app")
                .contains(";frame-ancestors 'self';");
    }

    @Test
    public void badRequestsAreRefusedAsCozyStackRefusesThem() throws Exception {
        String domain = createInstance("badintents");
        String cli = cliToken(domain, "io.cozy.apps");
        install(domain, cli, "contacts", archive("contacts", "{}", "[]"));
        String client = adminToken(domain, "Audience=app&Subject=contacts");

        assertThat(call("POST", "/intents", domain, null, PICK_FILE).status()).isEqualTo(401);
        assertThat(call("POST", "/intents", domain, cli, PICK_FILE).status())
                .as("a command-line token is no app")
                .isEqualTo(403);
        Http.Response noAction =
                call("POST", "/intents", domain, client, "{\"data\":{\"attributes\":{\"type\":\"io.cozy.files\"}}}");
        assertThat(noAction.status()).as(noAction.body()).isEqualTo(422);
        JsonNode error = noAction.json().path("errors").get(0);
        assertThat(error.path("detail").asText()).isEqualTo("Action is missing");
        assertThat(error.path("source").path("pointer").asText()).isEqualTo("/data/attributes/action");
        Http.Response noType =
                call("POST", "/intents", domain, client, "{\"data\":{\"attributes\":{\"action\":\"PICK\"}}}");
        assertThat(noType.status()).isEqualTo(422);
        assertThat(noType.json().path("errors").get(0).path("detail").asText()).isEqualTo("Type is missing");
        for (String bad : List.of("{", "[]", "{}", "{\"data\":[]}", "{\"data\":{\"attributes\":{\"action\":1}}}")) {
            assertThat(call("POST", "/intents", domain, client, bad).status())
                    .as(bad)
                    .isEqualTo(400);
        }
        Http.Response none = call(
                "POST",
                "/intents",
                domain,
                client,
                "{\"data\":{\"attributes\":{\"action\":\"EDIT\",\"type\":\"io.cozy.files\"}}}");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("data").path("attributes").path("services")).isEmpty();
        assertThat(call("GET", "/intents/0123456789abcdef0123456789abcdef", domain, client, "")
                        .status())
                .isEqualTo(404);
    }
}
