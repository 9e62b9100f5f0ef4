package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a real OAuth client of an instance does to get a token: it registers, sends its logged-in
 * user through the consent page with a PKCE challenge, and exchanges the code (the flow {@link
 * OAuthIT} checks in detail).
 */
final class OAuthClientFlow {
    private static final String REDIRECT = "http://client.example/callback";

    private OAuthClientFlow() {}

    /** An access token for {@code scope}, granted by the user that {@code browser} is logged in as. */
    static String accessToken(String url, String host, WebClient browser, String scope) throws Exception {
        Http.Response registered = Http.post(url + "/auth/register")
                .host(host)
                .json()
                .header("Content-Type", "application/json")
                .body("{\"redirect_uris\":[\"" + REDIRECT + "\"],\"client_name\":\"Mover\","
                        + "\"software_id\":\"github.com/example/mover\",\"client_kind\":\"desktop\"}")
                .send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode client = registered.json();

        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = Long.toHexString(new SecureRandom().nextLong());
        Http.Response page = browser.get(
                "/auth/authorize?client_id=" + client.path("client_id").asText()
                        + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=" + state
                        + "&response_type=code&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                        + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Http.Response granted = browser.post("/auth/authorize", WebClient.fields(page.body()));
        assertThat(granted.status()).as(granted.body()).isEqualTo(302);
        URI location = URI.create(granted.header("Location"));
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(params).containsEntry("state", state);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", params.get("code"));
        form.put("client_id", client.path("client_id").asText());
        form.put("client_secret", client.path("client_secret").asText());
        form.put("code_verifier", verifier);
        Http.Response token = Http.post(url + "/auth/access_token")
                .host(host)
                .json()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(WebClient.encode(form))
                .send();
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json().path("scope").asText()).isEqualTo(scope);
        return token.json().path("access_token").asText();
    }
}
