package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.client.internal.Http;
import dev.hearth.client.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of a registered OAuth client: the access token is sent, and when the server says it
 * expired, {@code POST /auth/access_token} with the {@code refresh_token} grant gets a new one
 * (and keeps a new refresh token if the server rotates it).
 */
public final class OAuthCredentials implements Credentials {
    private static final System.Logger LOG = System.getLogger(OAuthCredentials.class.getName());

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final URI base;
    private final @Nullable String host;
    private final String clientId;
    private final String clientSecret;
    private volatile String accessToken;
    private volatile String refreshToken;

    /**
     * @param base the instance's URL
     * @param host the {@code Host} header to send, or null for the URL's
     */
    public OAuthCredentials(
            URI base,
            @Nullable String host,
            String clientId,
            String clientSecret,
            String accessToken,
            String refreshToken) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.host = host;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
    }

    @Override
    public String token() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    @Override
    public synchronized boolean refresh() {
        String form = "grant_type=refresh_token&refresh_token=" + Http.segment(refreshToken) + "&client_id="
                + Http.segment(clientId) + "&client_secret=" + Http.segment(clientSecret);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("auth/access_token"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (host != null) {
            request.header("Host", host);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.log(System.Logger.Level.WARNING, "Refreshing the token failed: {0}", response.body());
                return false;
            }
            JsonNode body = Json.parse(response.body());
            accessToken = body.path("access_token").asText();
            if (body.hasNonNull("refresh_token")) {
                refreshToken = body.path("refresh_token").asText();
            }
            return !accessToken.isEmpty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Refreshing the token failed", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
