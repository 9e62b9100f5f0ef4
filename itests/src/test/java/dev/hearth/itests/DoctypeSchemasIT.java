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

/**
 * An app archive that ships a JSON Schema for its doctype: once installed on an instance, the
 * documents written there must match it (single writes and each document of {@code _bulk_docs}),
 * other instances are free, and uninstalling the app lifts the rule. A schema Hearth cannot
 * enforce makes the install fail with the file and the fault.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DoctypeSchemasIT extends HearthTestSupport {
    private static final String TODOS = "/data/io.cozy.todos/";
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"title\"],"
            + "\"properties\":{\"title\":{\"type\":\"string\",\"minLength\":1},\"done\":{\"type\":\"boolean\"}}}";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private static String archive(String slug, String version, String schema) throws Exception {
        return new TarGz()
                .file(
                        slug + "/manifest.webapp",
                        "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"version\":\"" + version + "\","
                                + "\"permissions\":{\"t\":{\"type\":\"io.cozy.todos\"}}}")
                .file(slug + "/index.html", "<html>" + slug + "</html>")
                .file(slug + "/schemas/io.cozy.todos.json", schema)
                .writeTo(TestTemp.file(slug, ".tar.gz"))
                .toUri()
                .toString();
    }

    private Http.Response call(String method, String path, String domain, String token, String body) {
        return Http.method(method, publicUrl() + path)
                .host(domain)
                .bearer(token)
                .json()
                .body(body)
                .send();
    }

    @Test
    public void anInstalledAppsSchemaIsEnforcedOnItsInstanceUntilUninstalled() throws Exception {
        String domain = createInstance("schemas");
        String other = createInstance("noschemas");
        String cli = cliToken(domain, "io.cozy.apps");
        String data = cliToken(domain, "io.cozy.todos");
        Http.Response installed =
                call("POST", "/apps/todos?Source=" + archive("todos", "1.0.0", SCHEMA), domain, cli, "");
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);

        Http.Response valid = call("POST", TODOS, domain, data, "{\"title\":\"milk\",\"done\":false}");
        assertThat(valid.status()).as(valid.body()).isEqualTo(201);
        assertThat(valid.json().path("data").path("title").asText()).isEqualTo("milk");

        Http.Response invalid = call("POST", TODOS, domain, data, "{\"title\":3}");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(403);
        assertThat(invalid.json().path("error").asText()).isEqualTo("forbidden");
        assertThat(invalid.json().path("reason").asText())
                .contains("io.cozy.todos")
                .contains("'todos'")
                .contains("/title: expected string, found integer (type)");

        Http.Response put = call("PUT", TODOS + "fixed", domain, data, "{\"done\":\"yes\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(403);
        assertThat(put.json().path("reason").asText())
                .contains("missing required property 'title' (required)")
                .contains("/done: expected boolean, found string (type)");
        assertThat(call("GET", TODOS + "fixed", domain, data, "").status()).isEqualTo(404);

        Http.Response bulk = call(
                "POST",
                TODOS + "_bulk_docs",
                domain,
                data,
                "{\"docs\":[{\"_id\":\"b1\",\"title\":\"ok\"},{\"_id\":\"b2\",\"title\":false},"
                        + "{\"_id\":\"b3\",\"title\":\"fine\"}]}");
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(201);
        JsonNode rows = bulk.json();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("ok").asBoolean()).isTrue();
        assertThat(rows.get(1).path("id").asText()).isEqualTo("b2");
        assertThat(rows.get(1).path("error").asText()).isEqualTo("forbidden");
        assertThat(rows.get(1).path("reason").asText()).contains("/title: expected string, found boolean");
        assertThat(rows.get(2).path("ok").asBoolean()).isTrue();
        assertThat(call("GET", TODOS + "b2", domain, data, "").status()).isEqualTo(404);
        assertThat(call("GET", TODOS + "b3", domain, data, "").status()).isEqualTo(200);

        Http.Response elsewhere = call("POST", TODOS, other, cliToken(other, "io.cozy.todos"), "{\"title\":3}");
        assertThat(elsewhere.status()).as("an instance without the app").isEqualTo(201);

        assertThat(call("DELETE", "/apps/todos", domain, cli, "").status()).isEqualTo(200);
        Http.Response after = call("POST", TODOS, domain, data, "{\"title\":3}");
        assertThat(after.status()).as(after.body()).isEqualTo(201);
    }

    @Test
    public void aSchemaOutsideTheSubsetFailsTheInstallWithItsReason() throws Exception {
        String domain = createInstance("badschema");
        String cli = cliToken(domain, "io.cozy.apps");
        String source = archive("badtodos", "1.0.0", "{\"type\":\"object\",\"allOf\":[]}");
        Http.Response refused = call("POST", "/apps/badtodos?Source=" + source, domain, cli, "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body())
                .contains("INVALID_SCHEMA")
                .contains("schemas/io.cozy.todos.json")
                .contains("/allOf");
        assertThat(call("GET", "/apps/badtodos", domain, cli, "").status()).isEqualTo(404);
        String data = cliToken(domain, "io.cozy.todos");
        assertThat(call("POST", TODOS, domain, data, "{\"title\":3}").status()).isEqualTo(201);
    }
}
