package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Host routing in nested mode, and tokens on the public endpoint: each host gets its instance. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InstanceRoutingIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private Http.Response self(String domain, String token) {
        return Http.get(publicUrl() + "/permissions/self")
                .host(domain)
                .bearer(token)
                .json()
                .send();
    }

    @Test
    public void hostsResolveToInstancesAndApps() {
        String alice = createInstance("alice");
        Http.Response api =
                Http.get(publicUrl() + "/permissions/self").host(alice).json().send();
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.json().path("error").asText()).isEqualTo("No token in request");
        assertThat(api.header("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Referrer-Policy")).isEqualTo("no-referrer");

        Http.Response app =
                Http.get(publicUrl() + "/").host("drive." + alice).json().send();
        assertThat(app.status()).isEqualTo(404);
        assertThat(app.json().path("error").asText()).isEqualTo("Application is not installed");

        Http.Response unknown = Http.get(publicUrl() + "/permissions/self")
                .host("bob.localhost:" + publicPort())
                .json()
                .send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("Instance not found");
        assertThat(Http.get(publicUrl() + "/")
                        .host("drive.bob.localhost:" + publicPort())
                        .json()
                        .send()
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("Instance not found");
        assertThat(Http.get(publicUrl() + "/")
                        .host("alice.localhost:1")
                        .json()
                        .send()
                        .status())
                .isEqualTo(404);

        Http.Response nowhere =
                Http.get(publicUrl() + "/no/such/route").host(alice).json().send();
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().path("error").asText()).isEqualTo("Not Found");
    }

    @Test
    public void errorsFollowTheAcceptHeader() {
        String url = publicUrl() + "/permissions/self";
        String host = "nobody.localhost:" + publicPort();
        assertThat(Http.get(url).host(host).send().json().path("error").asText())
                .isEqualTo("Instance not found");
        Http.Response html =
                Http.get(url).host(host).header("Accept", "text/html").send();
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("Instance not found");
        Http.Response text =
                Http.get(url).host(host).header("Accept", "text/plain").send();
        assertThat(text.body()).isEqualTo("Instance not found");
    }

    @Test
    public void aCliTokenCarriesItsScope() {
        String alice = createInstance("alice");
        Http.Response self = self(alice, cliToken(alice, "io.cozy.files%20io.cozy.todos:GET"));
        assertThat(self.status()).isEqualTo(200);
        JsonNode attrs = self.json().path("data").path("attributes");
        assertThat(attrs.path("type").asText()).isEqualTo("cli");
        assertThat(attrs.path("permissions").findValuesAsText("type"))
                .containsExactly("io.cozy.files", "io.cozy.todos");
    }

    @Test
    public void tokensAreAcceptedAsBearerBasicPasswordOrQueryParameter() {
        String alice = createInstance("alice");
        String token = cliToken(alice, "io.cozy.files");
        String basic = Base64.getEncoder().encodeToString(("user:" + token).getBytes(StandardCharsets.UTF_8));
        assertThat(Http.get(publicUrl() + "/permissions/self")
                        .host(alice)
                        .header("Authorization", "Basic " + basic)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(Http.get(publicUrl() + "/permissions/self?bearer_token=" + token)
                        .host(alice)
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    public void aTokenOfAnotherInstanceIsRefused() {
        String alice = createInstance("alice");
        String mallory = createInstance("mallory");
        Http.Response foreign = self(alice, cliToken(mallory, "io.cozy.files"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("error").asText()).isEqualTo("Invalid JWT token");
        assertThat(foreign.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    public void tamperedAndUnsignedTokensAreRefused() {
        String alice = createInstance("alice");
        String[] parts = cliToken(alice, "io.cozy.files:GET").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("io.cozy.files:GET", "io.cozy.files");
        String forged = parts[0] + "." + b64(payload) + "." + parts[2];
        assertThat(self(alice, forged).json().path("error").asText()).isEqualTo("Invalid JWT token");
        String none = b64("{\"alg\":\"none\"}") + "." + b64(payload) + ".";
        assertThat(self(alice, none).status()).isEqualTo(400);
        assertThat(self(alice, none).json().path("error").asText()).isEqualTo("Invalid JWT token");
        assertThat(self(alice, "garbage").status()).isEqualTo(400);
    }

    @Test
    public void anExpiredTokenSaysSo() throws Exception {
        String alice = createInstance("alice");
        String token = cliToken(alice, "io.cozy.files", "1s");
        Thread.sleep(1500);
        Http.Response expired = self(alice, token);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().path("error").asText()).isEqualTo("Expired token");
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token").contains("expired");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
