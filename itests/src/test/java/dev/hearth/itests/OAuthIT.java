package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The OAuth 2 server over real HTTP: registration, consent, codes with PKCE, tokens, revocation. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OAuthIT extends LoginSupport {

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private static final String REDIRECT = "http://client.example/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private JsonNode register(String domain) {
        Http.Response r = Http.post(publicUrl() + "/auth/register")
                .host(domain)
                .json()
                .header("Content-Type", "application/json")
                .body("{\"redirect_uris\":[\"" + REDIRECT + "\"],\"client_name\":\"Notes CLI\","
                        + "\"software_id\":\"github.com/example/notes\",\"client_kind\":\"desktop\"}")
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String authorizeQuery(JsonNode client, String state, String scope, String challenge) {
        return "/auth/authorize?client_id=" + client.path("client_id").asText() + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=" + state + "&response_type=code&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
    }

    /** Goes through the consent page and gives the code of the redirect. */
    private static String consent(WebClient browser, String query, String state) {
        Http.Response page = browser.get(query);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Http.Response granted = browser.post("/auth/authorize", WebClient.fields(page.body()));
        assertThat(granted.status()).as(granted.body()).isEqualTo(302);
        URI location = URI.create(granted.header("Location"));
        assertThat(location.toString()).startsWith(REDIRECT + "?").endsWith("#");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(params).containsEntry("state", state);
        assertThat(params.get("access_code")).isEqualTo(params.get("code"));
        return params.get("code");
    }

    private Http.Response token(String domain, Map<String, String> form) {
        return Http.post(publicUrl() + "/auth/access_token")
                .host(domain)
                .json()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(WebClient.encode(form))
                .send();
    }

    private static Map<String, String> exchange(JsonNode client, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", client.path("client_id").asText());
        form.put("client_secret", client.path("client_secret").asText());
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return form;
    }

    @Test
    public void registrationIsManagedWithItsRegistrationToken() {
        String domain = instanceWithPassphrase("oauthreg");
        JsonNode client = register(domain);
        assertThat(client.path("client_secret_expires_at").asInt()).isZero();
        assertThat(client.path("grant_types").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
        assertThat(client.path("client_kind").asText()).isEqualTo("desktop");
        String id = client.path("client_id").asText();
        String registration = client.path("registration_access_token").asText();

        Http.Response shown = Http.get(publicUrl() + "/auth/register/" + id)
                .host(domain)
                .bearer(registration)
                .json()
                .send();
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("client_name").asText()).isEqualTo("Notes CLI");
        JsonNode other = register(domain);
        assertThat(Http.get(publicUrl() + "/auth/register/" + id)
                        .host(domain)
                        .bearer(other.path("registration_access_token").asText())
                        .json()
                        .send()
                        .status())
                .isEqualTo(403);

        Http.Response updated = Http.method("PUT", publicUrl() + "/auth/register/" + id)
                .host(domain)
                .bearer(registration)
                .json()
                .header("Content-Type", "application/json")
                .body("{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"" + REDIRECT
                        + "\"],\"client_name\":\"Notes 2\","
                        + "\"software_id\":\"github.com/example/notes\",\"client_secret\":\""
                        + client.path("client_secret").asText() + "\"}")
                .send();
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("client_name").asText()).isEqualTo("Notes 2");
        assertThat(updated.json().path("client_secret").asText())
                .as("rotated")
                .isNotEqualTo(client.path("client_secret").asText());

        Http.Response bad = Http.post(publicUrl() + "/auth/register")
                .host(domain)
                .json()
                .header("Content-Type", "application/json")
                .body("{\"redirect_uris\":[\"not a uri\"],\"client_name\":\"x\",\"software_id\":\"y\"}")
                .send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_redirect_uri");

        assertThat(Http.delete(publicUrl() + "/auth/register/" + id)
                        .host(domain)
                        .bearer(registration)
                        .send()
                        .status())
                .isEqualTo(204);
        Http.Response gone = Http.get(publicUrl() + "/auth/register/" + id)
                .host(domain)
                .bearer(registration)
                .json()
                .send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").asText()).isEqualTo("Client not found");
    }

    @Test
    public void theCodeFlowWithPkceGivesTokensThatWorkUntilTheClientIsDeleted() throws Exception {
        String domain = instanceWithPassphrase("oauthflow");
        JsonNode client = register(domain);
        String query = authorizeQuery(client, "s1", "io.cozy.notes", challenge(VERIFIER));

        WebClient browser = new WebClient(publicUrl(), domain);
        Http.Response toLogin = browser.get(query);
        assertThat(toLogin.status()).isEqualTo(303);
        assertThat(URLDecoder.decode(toLogin.header("Location"), StandardCharsets.UTF_8))
                .endsWith("/auth/login?redirect=http://" + domain + query);
        Map<String, String> login = loginForm(browser, PASSPHRASE);
        login.put("redirect", "http://" + domain + query);
        Http.Response back = browser.post("/auth/login", login);
        assertThat(back.status()).isEqualTo(303);
        assertThat(back.header("Location")).startsWith("http://" + domain + "/auth/authorize?");

        Http.Response page = browser.get(query);
        assertThat(page.body()).contains("Notes CLI").contains("Read, change and delete your notes");
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self' http://client.example");

        String code = consent(browser, query, "s1");
        Http.Response wrongVerifier = token(domain, exchange(client, code, VERIFIER.replace('d', 'e')));
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.json().path("error").asText()).isEqualTo("invalid code_verifier");
        Http.Response reused = token(domain, exchange(client, code, VERIFIER));
        assertThat(reused.json().path("error").asText())
                .as("a code is burnt by its first use")
                .isEqualTo("invalid code");

        code = consent(browser, query, "s1");
        Map<String, String> wrongRedirect = exchange(client, code, VERIFIER);
        wrongRedirect.put("redirect_uri", "http://client.example/other");
        assertThat(token(domain, wrongRedirect).json().path("error").asText()).isEqualTo("invalid redirect_uri");

        code = consent(browser, query, "s1");
        Http.Response granted = token(domain, exchange(client, code, VERIFIER));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().path("token_type").asText()).isEqualTo("bearer");
        assertThat(granted.json().path("scope").asText()).isEqualTo("io.cozy.notes");
        String access = granted.json().path("access_token").asText();
        String refresh = granted.json().path("refresh_token").asText();
        assertThat(put(domain, access, "n1").status()).isEqualTo(200);
        assertThat(Http.get(publicUrl() + "/data/io.cozy.files/x")
                        .host(domain)
                        .bearer(access)
                        .json()
                        .send()
                        .status())
                .as("only its scope")
                .isEqualTo(403);
        assertThat(put(domain, refresh, "n2").status())
                .as("a refresh token is not an API token")
                .isEqualTo(400);

        Map<String, String> refreshForm = new LinkedHashMap<>();
        refreshForm.put("grant_type", "refresh_token");
        refreshForm.put("refresh_token", refresh);
        refreshForm.put("client_id", client.path("client_id").asText());
        refreshForm.put("client_secret", client.path("client_secret").asText());
        Http.Response refreshed = token(domain, refreshForm);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token"))
                .as("refresh tokens are not rotated")
                .isFalse();
        assertThat(put(domain, refreshed.json().path("access_token").asText(), "n3")
                        .status())
                .isEqualTo(200);

        JsonNode clients = Http.get(publicUrl() + "/settings/clients")
                .host(domain)
                .bearer(cliToken(domain, "io.cozy.oauth.clients"))
                .json()
                .send()
                .json();
        assertThat(clients.path("data")).hasSize(1);
        assertThat(clients.path("data").get(0).path("attributes").has("client_secret"))
                .isFalse();
        assertThat(Http.delete(publicUrl() + "/settings/clients/"
                                + client.path("client_id").asText())
                        .host(domain)
                        .bearer(cliToken(domain, "io.cozy.oauth.clients"))
                        .send()
                        .status())
                .isEqualTo(204);
        Http.Response revoked = put(domain, access, "n4");
        assertThat(revoked.status()).isEqualTo(400);
        assertThat(revoked.body()).contains("Invalid JWT token");
        assertThat(token(domain, refreshForm).json().path("error").asText()).isEqualTo("the client must be registered");
    }

    @Test
    public void nothingRedirectsToAnUnregisteredUriAndStateIsMandatory() {
        String domain = instanceWithPassphrase("oauthbad");
        JsonNode client = register(domain);
        WebClient browser = loggedIn(domain);
        String query = authorizeQuery(client, "s", "io.cozy.notes", null);
        Http.Response foreign = browser.get(query.replace("client.example", "evil.example"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.header("Location")).isNull();
        assertThat(browser.get(query.replace("&state=s", "")).status()).isEqualTo(400);
        assertThat(browser.get(query.replace("client_id=", "client_id=x")).body())
                .contains("the client must be registered");
        Map<String, String> form = WebClient.fields(browser.get(query).body());
        form.put("csrf_token", "B".repeat(43));
        assertThat(browser.post("/auth/authorize", form).status())
                .as("forged CSRF")
                .isEqualTo(403);
        assertThat(token(domain, Map.of("grant_type", "password"))
                        .json()
                        .path("error")
                        .asText())
                .isEqualTo("invalid grant type");
    }

    @Test
    public void theAdminApiMintsTokensOfEveryAudience() {
        String domain = instanceWithPassphrase("oauthadmin");
        Http.Response client = adminPost("/instances/oauth_client?Domain=" + domain
                + "&RedirectURI=http://localhost/cb&ClientName=tool&SoftwareID=tool");
        assertThat(client.status()).as(client.body()).isEqualTo(200);
        String id = client.json().path("client_id").asText();
        String access = adminToken(domain, "Audience=access&Subject=" + id + "&Scope=io.cozy.notes");
        assertThat(put(domain, access, "a1").status()).isEqualTo(200);
        Http.Response unknown =
                adminPost("/instances/token?Domain=" + domain + "&Audience=access&Subject=nope&Scope=io.cozy.notes");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(adminToken(domain, "Audience=refresh&Subject=" + id + "&Scope=io.cozy.notes"))
                .isNotBlank();
        String app = adminToken(domain, "Audience=app&Subject=drive");
        assertThat(put(domain, app, "a2").status())
                .as("apps have no permission yet")
                .isEqualTo(403);
        String konn = adminToken(domain, "Audience=konn&Subject=bank");
        assertThat(put(domain, konn, "a3").status()).isEqualTo(403);
        Http.Response accessAsApp = Http.delete(publicUrl() + "/auth/login")
                .host(domain)
                .bearer(access)
                .json()
                .send();
        assertThat(accessAsApp.status())
                .as("an access token where an app token is needed")
                .isEqualTo(401);
        assertThat(accessAsApp.json().path("error").asText())
                .isEqualTo("The user can logout only from client-side apps");
        Http.Response appAsRegistration = Http.get(publicUrl() + "/auth/register/" + id)
                .host(domain)
                .bearer(app)
                .json()
                .send();
        assertThat(appAsRegistration.status())
                .as("an app token where a registration token is needed")
                .isEqualTo(403);

        String expired = adminToken(domain, "Audience=access&Subject=" + id + "&Scope=io.cozy.notes&Expire=1s");
        await(() -> put(domain, expired, "a4").status() == 400 ? true : null);
        Http.Response r = put(domain, expired, "a4");
        assertThat(r.body()).contains("Expired token");
        assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        String other = instanceWithPassphrase("oauthother");
        assertThat(put(other, access, "a5").body())
                .as("a token of another instance")
                .contains("Invalid JWT token");
    }

    private Http.Response put(String domain, String token, String id) {
        return Http.method("PUT", publicUrl() + "/data/io.cozy.notes/" + id)
                .host(domain)
                .bearer(token)
                .json()
                .body("{\"title\":\"" + id + "\"}")
                .send();
    }
}
