package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The admin API over real HTTP: authentication, the instance lifecycle, and bad input. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminApiIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private Http.Response admin(String method, String path) {
        return Http.method(method, adminUrl() + path)
                .basic("admin", adminPassphrase())
                .json()
                .send();
    }

    @Test
    public void theAdminApiNeedsThePassphrase() {
        Http.Response none = Http.get(adminUrl() + "/instances").json().send();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(none.json().path("error").asText()).isEqualTo("missing basic auth");

        Http.Response wrong = Http.get(adminUrl() + "/instances")
                .basic("admin", "admin")
                .json()
                .send();
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().path("error").asText()).isEqualTo("bad passphrase");

        Http.Response garbage = Http.get(adminUrl() + "/instances")
                .header("Authorization", "Basic %%%")
                .json()
                .send();
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(Http.get(adminUrl() + "/nothing-here").json().send().status())
                .isEqualTo(401);
    }

    @Test
    public void instanceLifecycle() throws Exception {
        String domain = "alice.localhost:" + publicPort();
        Http.Response created = admin(
                "POST",
                "/instances?Domain=" + domain + "&Locale=fr&Email=alice@example.com"
                        + "&PublicName=Alice&DiskQuota=1000000");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/vnd.api+json");
        JsonNode data = created.json().path("data");
        assertThat(data.path("type").asText()).isEqualTo("instances");
        assertThat(data.path("id").asText()).matches("[0-9a-f]{32}");
        JsonNode attrs = data.path("attributes");
        assertThat(attrs.path("domain").asText()).isEqualTo(domain);
        assertThat(attrs.path("locale").asText()).isEqualTo("fr");
        assertThat(attrs.path("disk_quota").asLong()).isEqualTo(1_000_000L);
        assertThat(attrs.path("onboarding_finished").asBoolean()).isFalse();
        assertThat(attrs.path("register_token").asText()).isNotEmpty();
        assertThat(created.body()).doesNotContain("secret").doesNotContain("passphrase_hash");

        assertThat(admin("GET", "/instances/" + domain)
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("email")
                        .asText())
                .isEqualTo("alice@example.com");
        assertThat(admin("GET", "/instances/count").json().path("count").asInt())
                .isGreaterThanOrEqualTo(1);
        JsonNode list = admin("GET", "/instances").json();
        assertThat(list.path("meta").path("count").asInt())
                .isEqualTo(list.path("data").size());
        assertThat(list.path("data").findValuesAsText("domain")).contains(domain);

        JsonNode modified = admin("PATCH", "/instances/" + domain + "?Locale=en&Blocked=true&BlockingReason=UNKNOWN")
                .json()
                .path("data")
                .path("attributes");
        assertThat(modified.path("locale").asText()).isEqualTo("en");
        assertThat(modified.path("blocked").asBoolean()).isTrue();
        assertThat(modified.path("email").asText()).isEqualTo("alice@example.com");

        Path folder = Path.of(context.getProperty("hearth.data.dir"), "instances", domain.replace(':', '_'));
        assertThat(Files.isDirectory(folder)).isTrue();
        assertThat(admin("DELETE", "/instances/" + domain).status()).isEqualTo(204);
        assertThat(Files.exists(folder)).isFalse();
        Http.Response gone = admin("GET", "/instances/" + domain);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("errors").get(0).path("detail").asText()).isEqualTo("Instance not found");
        assertThat(gone.json().path("errors").get(0).path("status").asText()).isEqualTo("404");
    }

    @Test
    public void aPassphraseGivenAtCreationSkipsTheOnboarding() {
        Http.Response created =
                admin("POST", "/instances?Domain=bob.localhost&Passphrase=correct%20horse&KdfIterations=50000");
        assertThat(created.status()).isEqualTo(201);
        JsonNode attrs = created.json().path("data").path("attributes");
        assertThat(attrs.path("onboarding_finished").asBoolean()).isTrue();
        assertThat(attrs.path("password_defined").asBoolean()).isTrue();
        assertThat(attrs.has("register_token")).isFalse();
        Http.Response tooFew = admin("POST", "/instances?Domain=carol.localhost&Passphrase=x&KdfIterations=10");
        assertThat(tooFew.status()).isEqualTo(422);
        assertThat(admin("GET", "/instances/carol.localhost").status()).isEqualTo(404);
    }

    @Test
    public void badInputGetsTheDocumentedErrors() {
        Http.Response missing = admin("POST", "/instances");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json()
                        .path("errors")
                        .get(0)
                        .path("source")
                        .path("parameter")
                        .asText())
                .isEqualTo("Domain");

        for (String bad :
                new String[] {"..", "a%20b.localhost", "alice.localhost:99999", "-x.localhost", "%2e%2e%2fetc"}) {
            Http.Response illegal = admin("POST", "/instances?Domain=" + bad);
            assertThat(illegal.status()).as(bad).isEqualTo(422);
            JsonNode error = illegal.json().path("errors").get(0);
            assertThat(error.path("detail").asText()).isEqualTo("Domain name contains illegal characters");
            assertThat(error.path("title").asText()).isEqualTo("Invalid Parameter");
        }

        assertThat(admin("POST", "/instances?Domain=dup.localhost").status()).isEqualTo(201);
        Http.Response duplicate = admin("POST", "/instances?Domain=DUP.localhost");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("errors").get(0).path("detail").asText())
                .isEqualTo("Instance already exists");

        assertThat(admin("POST", "/instances?Domain=q.localhost&DiskQuota=lots").status())
                .isEqualTo(422);
        assertThat(admin("PATCH", "/instances/dup.localhost?Blocked=maybe").status())
                .isEqualTo(422);
        assertThat(admin("PATCH", "/instances/dup.localhost?AuthMode=magic").status())
                .isEqualTo(422);
        assertThat(admin("PATCH", "/instances/nobody.localhost?Locale=fr").status())
                .isEqualTo(404);
        assertThat(admin("DELETE", "/instances/nobody.localhost").status()).isEqualTo(404);

        Http.Response method = admin("PUT", "/instances");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).contains("GET").contains("POST");
        assertThat(admin("GET", "/instances/dup.localhost/extra")
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("Not Found");
    }

    @Test
    public void tokensAreMintedForExistingInstancesWithValidScopes() {
        admin("POST", "/instances?Domain=tokens.localhost");
        Http.Response token =
                admin("POST", "/instances/token?Domain=tokens.localhost&Audience=cli&Scope=io.cozy.files");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Content-Type")).startsWith("text/plain");
        assertThat(token.body()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

        assertThat(admin("POST", "/instances/token?Domain=nobody.localhost&Audience=cli")
                        .status())
                .isEqualTo(404);
        Http.Response audience = admin("POST", "/instances/token?Domain=tokens.localhost&Audience=wizard");
        assertThat(audience.status()).isEqualTo(400);
        assertThat(audience.json().path("error").asText()).isEqualTo("Unknown audience wizard");
        Http.Response scope = admin("POST", "/instances/token?Domain=tokens.localhost&Audience=cli&Scope=io.cozy.*");
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().path("error").asText()).isEqualTo("Permission scope is empty or malformed");
        assertThat(admin("POST", "/instances/token?Domain=tokens.localhost&Audience=cli&Expire=soon")
                        .status())
                .isEqualTo(422);
    }
}
