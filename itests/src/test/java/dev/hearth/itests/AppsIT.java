package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An app archive installed on an instance through {@code /apps}, then served on its own host: the
 * login first, the templated page with an app token that carries the manifest's permissions, its
 * assets with their cache headers, the app's CSP; and after uninstall, nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppsIT extends LoginSupport {
    private static final Pattern TOKEN = Pattern.compile("var token = \"([^\"]+)\"");

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private static Path notesArchive(String name, String manifestSlug) throws Exception {
        return new TarGz()
                .file(
                        "notes-1.0.0/manifest.webapp",
                        "{\"name\":\"Notes\",\"slug\":\"" + manifestSlug
                                + "\",\"version\":\"1.0.0\",\"editor\":\"Hearth\",\"type\":\"webapp\","
                                + "\"permissions\":{\"notes\":{\"type\":\"io.cozy.notes\"}}}")
                .file(
                        "notes-1.0.0/index.html",
                        "<html><head><title>{{.AppName}}</title></head><body>"
                                + "<div data-cozy=\"{{.CozyData}}\"></div><script>var token = {{.Token}};</script></body></html>")
                .file("notes-1.0.0/app.0123456789.js", "console.log('notes')")
                .file("notes-1.0.0/style.css", "body{}")
                .writeTo(TestTemp.file(name, ".tar.gz"));
    }

    private Http.Response apps(String method, String path, String domain, String token) {
        return Http.method(method, publicUrl() + path)
                .host(domain)
                .bearer(token)
                .json()
                .send();
    }

    @Test
    public void anInstalledAppIsServedOnItsHostWithATokenThatCarriesItsPermissions() throws Exception {
        String domain = instanceWithPassphrase("apps");
        String cli = cliToken(domain, "io.cozy.apps");
        String source = notesArchive("notes", "notes").toUri().toString();

        Http.Response installed = apps("POST", "/apps/notes?Source=" + source, domain, cli);
        assertThat(installed.status()).as(installed.body()).isEqualTo(202);
        JsonNode app = installed.json().path("data");
        assertThat(app.path("id").asText()).isEqualTo("io.cozy.apps/notes");
        assertThat(app.path("attributes").path("state").asText()).isEqualTo("ready");
        assertThat(app.path("links").path("related").asText()).isEqualTo("http://notes." + domain + "/");
        assertThat(apps("POST", "/apps/notes?Source=" + source, domain, cli).status())
                .isEqualTo(409);
        assertThat(apps("GET", "/apps/", domain, cli).json().path("data")).hasSize(1);

        String host = "notes." + domain;
        Http.Response anonymous = Http.get(publicUrl() + "/").host(host).send();
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).startsWith("http://" + domain + "/auth/login?redirect=");
        assertThat(anonymous.header("Content-Security-Policy")).startsWith("default-src 'self' http://" + domain);
        assertThat(Http.get(publicUrl() + "/style.css").host(host).send().status())
                .isEqualTo(401);

        String cookie = "cozysessid=" + loggedIn(domain).cookie("cozysessid");
        Http.Response page =
                Http.get(publicUrl() + "/").host(host).header("Cookie", cookie).send();
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("private, no-store, must-revalidate");
        assertThat(page.body()).contains("<title>Notes</title>").contains("data-cozy=\"{&#34;token&#34;:");
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String appToken = m.group(1);
        Http.Response write = Http.method("PUT", publicUrl() + "/data/io.cozy.notes/n1")
                .host(domain)
                .bearer(appToken)
                .json()
                .body("{\"title\":\"from the app\"}")
                .send();
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        assertThat(Http.get(publicUrl() + "/data/io.cozy.files/x")
                        .host(domain)
                        .bearer(appToken)
                        .send()
                        .status())
                .as("nothing outside the manifest's permissions")
                .isEqualTo(403);

        Http.Response script = Http.get(publicUrl() + "/app.0123456789.js")
                .host(host)
                .header("Cookie", cookie)
                .send();
        assertThat(script.body()).isEqualTo("console.log('notes')");
        assertThat(script.header("Cache-Control")).contains("immutable");
        Http.Response css = Http.get(publicUrl() + "/style.css")
                .host(host)
                .header("Cookie", cookie)
                .send();
        assertThat(css.header("Cache-Control")).isEqualTo("no-cache, public");
        assertThat(Http.get(publicUrl() + "/style.css")
                        .host(host)
                        .header("Cookie", cookie)
                        .header("If-None-Match", css.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(304);

        assertThat(apps("DELETE", "/apps/notes", domain, cli).status()).isEqualTo(200);
        Http.Response gone = Http.get(publicUrl() + "/")
                .host(host)
                .header("Cookie", cookie)
                .json()
                .send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").asText()).isEqualTo("Application is not installed");
        assertThat(Http.get(publicUrl() + "/data/io.cozy.notes/n1")
                        .host(domain)
                        .bearer(appToken)
                        .send()
                        .status())
                .as("the token of an uninstalled app carries nothing")
                .isEqualTo(403);
    }

    @Test
    public void refusedArchivesAndSourcesLeaveNothingInstalled() throws Exception {
        String domain = createInstance("badapps");
        String cli = cliToken(domain, "io.cozy.apps");
        Path traversal = new TarGz()
                .file("manifest.webapp", "{\"slug\":\"evil\",\"version\":\"1.0.0\"}")
                .file("../../etc/passwd", "x")
                .writeTo(TestTemp.file("evil", ".tar.gz"));
        Http.Response refused = apps("POST", "/apps/evil?Source=" + traversal.toUri(), domain, cli);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("detail").asText()).contains("UNSAFE_PATH");

        Http.Response otherSlug = apps(
                "POST", "/apps/drive?Source=" + notesArchive("other", "notes").toUri(), domain, cli);
        assertThat(otherSlug.status()).as(otherSlug.body()).isEqualTo(400);
        assertThat(apps("POST", "/apps/notes?Source=ftp://example.org/notes.tar.gz", domain, cli)
                        .status())
                .isEqualTo(422);
        assertThat(apps("POST", "/apps/Bad_Slug?Source=file:///nope", domain, cli)
                        .status())
                .isEqualTo(422);
        assertThat(apps("POST", "/apps/notes?Source=file:///nope.tar.gz", domain, cli)
                        .status())
                .isEqualTo(404);
        assertThat(apps("POST", "/apps/notes?Source=file:///nope.tar.gz", domain, cliToken(domain, "io.cozy.files"))
                        .status())
                .isEqualTo(403);
        String oauthLike = adminToken(domain, "Audience=app&Subject=store");
        assertThat(apps(
                                "POST",
                                "/apps/notes?Source="
                                        + notesArchive("store", "notes").toUri(),
                                domain,
                                oauthLike)
                        .status())
                .as("a file of the server is for the command line only")
                .isEqualTo(403);
        assertThat(apps("GET", "/apps/", domain, cli).json().path("data")).isEmpty();
    }
}
