package dev.hearth.itests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.itests.Distribution;
import dev.hearth.itests.Http;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server under fuzz and everything the fuzzer knows of it, all made before the fuzzing
 * through the ordinary APIs: the instance, a second one the admin routes may damage, tokens of
 * every audience, an OAuth client, a share-by-link set, documents, and the canaries, documents
 * of a doctype no fuzzing token can write, which must come out of the fuzzing unchanged.
 */
final class FuzzTarget {
    static final String ADMIN_PASSPHRASE = "fuzz admin passphrase";
    static final String USER_PASSPHRASE = "fuzz user passphrase";
    static final String SHARE_PASSWORD = "share password";
    /** The doctypes the fuzzing tokens may read and write. */
    static final List<String> DOCTYPES = List.of("io.cozy.fuzz.a", "io.cozy.fuzz.b", "io.cozy.x");
    /** Where the regression cases create broken indexes, away from the fuzzed doctypes. */
    static final String INDEX_DOCTYPE = "io.cozy.fuzz.index";

    static final String CANARY_DOCTYPE = "io.cozy.fuzz.canary";
    static final String SCOPE = String.join(" ", DOCTYPES) + " " + INDEX_DOCTYPE
            + " io.cozy.settings io.cozy.permissions io.cozy.oauth.clients io.cozy.apps io.cozy.konnectors"
            + " io.cozy.files";
    static final String ACCESS_SCOPE = "io.cozy.fuzz.a io.cozy.fuzz.b:GET io.cozy.sessions io.cozy.doctypes";
    static final int DOCS = 10;
    static final int CANARIES = 20;

    final Distribution server;
    final String domain;
    final String victim;
    final int publicPort;
    final int adminPort;
    String cliToken;
    String accessToken;
    String registrationToken;
    String expiredToken;
    String victimToken;
    String shareToken;
    String canaryToken;
    String clientId;
    String clientSecret;
    String permissionId;
    String victimRegisterToken;
    /**
     * Whether an admin route destroyed the victim: its host then names no instance, so requests
     * sent there are answered before any route.
     */
    boolean victimGone;
    /** {@code doctype/id} to revision of the documents written before the fuzzing. */
    final Map<String, String> revs = new LinkedHashMap<>();
    /** Canary id to the document as read before the fuzzing. */
    final Map<String, String> canaries = new LinkedHashMap<>();

    FuzzTarget(Distribution server) {
        this.server = server;
        this.publicPort = server.publicPort();
        this.adminPort = URI.create(server.adminUrl).getPort();
        this.domain = "fuzz.localhost:" + publicPort;
        this.victim = "victim.localhost:" + publicPort;
    }

    /** Creates everything the fuzzer uses; fails the test if the server cannot even do that. */
    FuzzTarget prepare() throws InterruptedException {
        admin(
                "/instances?Domain=" + domain + "&Email=fuzz@example.com&KdfIterations=50000&Passphrase="
                        + q(USER_PASSPHRASE),
                201);
        JsonNode created = admin("/instances?Domain=" + victim, 201).json();
        victimRegisterToken = HexFormat.of()
                .formatHex(Base64.getDecoder()
                        .decode(created.path("data")
                                .path("attributes")
                                .path("register_token")
                                .asText()));
        cliToken = token(domain, "Audience=cli&Scope=" + q(SCOPE));
        expiredToken = token(domain, "Audience=cli&Expire=1s&Scope=" + q(SCOPE));
        victimToken = token(victim, "Audience=cli&Scope=" + q(SCOPE));
        canaryToken = token(domain, "Audience=cli&Scope=" + CANARY_DOCTYPE);
        JsonNode client = check(
                        Http.post(server.publicUrl + "/auth/register")
                                .host(domain)
                                .json()
                                .header("Content-Type", "application/json")
                                .body("{\"redirect_uris\":[\"http://localhost/cb\"],"
                                        + "\"client_name\":\"fuzz\",\"software_id\":\"github.com/hearth/fuzz\"}")
                                .send(),
                        201)
                .json();
        clientId = client.path("client_id").asText();
        clientSecret = client.path("client_secret").asText();
        registrationToken = client.path("registration_access_token").asText();
        accessToken = token(domain, "Audience=access&Subject=" + clientId + "&Scope=" + q(ACCESS_SCOPE));
        for (String doctype : DOCTYPES) {
            for (int i = 0; i < DOCS; i++) {
                put(
                        doctype,
                        "doc-" + i,
                        "{\"n\":" + i + ",\"name\":\"doc " + i + "\",\"tags\":[\"t" + i % 3 + "\"]}",
                        cliToken);
            }
        }
        JsonNode share = check(
                        Http.post(server.publicUrl + "/permissions?codes=bob")
                                .host(domain)
                                .bearer(accessToken)
                                .header("Content-Type", "application/json")
                                .body("{\"data\":{\"type\":"
                                        + "\"io.cozy.permissions\",\"attributes\":{\"password\":\"" + SHARE_PASSWORD
                                        + "\","
                                        + "\"permissions\":{\"docs\":{\"type\":\"io.cozy.fuzz.a\",\"verbs\":[\"GET\"],"
                                        + "\"values\":[\"doc-1\"]}}}}}")
                                .send(),
                        200)
                .json();
        permissionId = share.path("data").path("id").asText();
        shareToken =
                share.path("data").path("attributes").path("codes").path("bob").asText();
        for (int i = 0; i < CANARIES; i++) {
            put(
                    CANARY_DOCTYPE,
                    "canary-" + i,
                    "{\"i\":" + i + ",\"text\":\"written before the fuzzing\","
                            + "\"nested\":{\"list\":[1,2,3],\"unicode\":\"\u00e9t\u00e9 \u2603\"}}",
                    canaryToken);
            canaries.put("canary-" + i, readCanary("canary-" + i));
        }
        Thread.sleep(1100); // the expired token expires
        return this;
    }

    /** The canary as the server gives it now (status and body). */
    String readCanary(String id) {
        Http.Response r = Http.get(server.publicUrl + "/data/" + CANARY_DOCTYPE + "/" + id)
                .host(domain)
                .bearer(canaryToken)
                .send();
        return r.status() + " " + r.body();
    }

    private void put(String doctype, String id, String body, String token) {
        Http.Response r = check(
                Http.method("PUT", server.publicUrl + "/data/" + doctype + "/" + id)
                        .host(domain)
                        .bearer(token)
                        .header("Content-Type", "application/json")
                        .body(body)
                        .send(),
                200);
        revs.put(doctype + "/" + id, r.json().path("rev").asText());
    }

    private String token(String instance, String parameters) {
        return admin("/instances/token?Domain=" + instance + "&" + parameters, 200)
                .body()
                .trim();
    }

    private Http.Response admin(String pathAndQuery, int expected) {
        return check(
                Http.post(server.adminUrl + pathAndQuery)
                        .basic("admin", ADMIN_PASSPHRASE)
                        .send(),
                expected);
    }

    private static Http.Response check(Http.Response r, int expected) {
        if (r.status() != expected) {
            throw new IllegalStateException("Fixture request answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
