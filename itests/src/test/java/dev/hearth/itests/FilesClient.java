package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Calls to the /files API of one instance with one token, as the Cozy clients make them. */
final class FilesClient {
    private final String base;
    private final String domain;
    private final String token;

    FilesClient(String base, String domain, String token) {
        this.base = base;
        this.domain = domain;
        this.token = token;
    }

    FilesClient as(String otherToken) {
        return new FilesClient(base, domain, otherToken);
    }

    Http.Request request(String method, String path) {
        Http.Request r = Http.method(method, base + path).host(domain).json();
        return token == null ? r : r.bearer(token);
    }

    Http.Response call(String method, String path, String body) {
        return request(method, path).body(body == null ? "" : body).send();
    }

    Http.Response mkdir(String parent, String name) {
        return call("POST", "/files/" + parent + "?Type=directory&Name=" + enc(name), null);
    }

    String mkdirId(String parent, String name) {
        Http.Response r = mkdir(parent, name);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data").path("id").asText();
    }

    Http.Response upload(String parent, String name, String content) {
        return request("POST", "/files/" + parent + "?Type=file&Name=" + enc(name))
                .header("Content-Type", "text/plain")
                .header("Content-MD5", md5(content))
                .body(content)
                .send();
    }

    JsonNode uploaded(String parent, String name, String content) {
        Http.Response r = upload(parent, name, content);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data");
    }

    Http.Response patch(String id, String attributes) {
        return call(
                "PATCH",
                "/files/" + id,
                "{\"data\":{\"type\":\"io.cozy.files\",\"id\":\"" + id + "\",\"attributes\":" + attributes + "}}");
    }

    static String md5(String content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The first error object of a JSON:API error body. */
    static JsonNode error(Http.Response r) {
        return r.json().path("errors").path(0);
    }
}
