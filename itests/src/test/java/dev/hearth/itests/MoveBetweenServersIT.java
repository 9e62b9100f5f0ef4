package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A move between two server processes of the built distribution, through the HTTP flow only: the
 * source A (reached through a relay that can cut a transfer half way) is asked for a move by a
 * token holder, the user confirms it in a logged-in browser, A exports and B streams the export
 * in; afterwards B has the same documents (ids, revisions), files (MD5s), apps and triggers, and
 * A answers 410 with B's address. Each refusal leaves both instances as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoveBetweenServersIT {
    private static final String ADMIN = "move-admin";
    private static final String[] DOCTYPES = {"io.cozy.movetest.notes", "io.cozy.movetest.tasks", "io.cozy.files"};
    private static final String SCOPE = "io.cozy.exports%20io.cozy.files%20io.cozy.apps%20io.cozy.konnectors"
            + "%20io.cozy.triggers%20io.cozy.movetest.notes%20io.cozy.movetest.tasks";

    @TempDir
    static Path tmp;

    private Distribution a;
    private Distribution b;
    private CuttableProxy proxy;
    private Server source;
    private Server target;
    private Map<String, String> before;

    /** An instance of one of the two servers: the URL its clients use and its host. */
    record Server(String url, String host, String token) {
        Http.Request at(String method, String path) {
            return Http.method(method, url + path).host(host).bearer(token);
        }

        Http.Response get(String path) {
            return at("GET", path).send();
        }
    }

    @BeforeAll
    void start() throws Exception {
        Map<String, String> env = Map.of("HEARTH_ADMIN_PASSPHRASE", ADMIN);
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (var entries = Files.list(Distribution.BUILT)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("load")) {
                    Files.createSymbolicLink(home.resolve(entry.getFileName()), entry);
                }
            }
        }
        Files.createDirectories(home.resolve("load"));
        // Both servers are on loopback: A may reach any private address, B only A's relay.
        Files.writeString(
                home.resolve("load/dev.hearth.move.cfg"), "confirmSeconds = 3\nallowPrivateAddresses = true\n");
        a = new Distribution(home, tmp.resolve("a"));
        a.start(env);
        proxy = new CuttableProxy(a.publicPort());
        String relay = proxy.url().substring(0, proxy.url().length() - 1);
        String aHost = "localhost:" + relay.substring(relay.lastIndexOf(':') + 1);
        Path bHome = Files.createDirectories(tmp.resolve("bhome"));
        try (var entries = Files.list(Distribution.BUILT)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("load")) {
                    Files.createSymbolicLink(bHome.resolve(entry.getFileName()), entry);
                }
            }
        }
        Files.createDirectories(bHome.resolve("load"));
        Files.writeString(bHome.resolve("load/dev.hearth.move.cfg"), "trustedHosts = " + aHost + "\n");
        b = new Distribution(bHome, tmp.resolve("b"));
        b.start(env);
        String bHost = "localhost:" + b.publicPort();
        create(a, aHost, "&Passphrase=" + LoginSupport.PASSPHRASE.replace(" ", "+") + "&KdfIterations=50000");
        create(b, bHost, "&Passphrase=" + LoginSupport.PASSPHRASE.replace(" ", "+") + "&KdfIterations=50000");
        source = new Server(relay, aHost, token(a, aHost, SCOPE, null));
        // The target's owner grants the move's client its imports token through the consent page.
        target = new Server(
                b.publicUrl,
                bHost,
                OAuthClientFlow.accessToken(b.publicUrl, bHost, loggedIn(b.publicUrl, bHost), "io.cozy.imports"));
        MoveServersFixture.fill(source, tmp);
        before = snapshot(source);
        assertThat(before).hasSizeGreaterThan(200);
    }

    @AfterAll
    void stop() throws Exception {
        proxy.close();
        a.close();
        b.close();
    }

    @Test
    @Order(1)
    void aBadOrExpiredTargetTokenIsRefusedAndNothingChanges() throws Exception {
        JsonNode bad = error(ask("not-a-token"), 422);
        assertThat(bad.path("source").path("pointer").asText()).endsWith("target_token");
        String expiring = token(b, target.host(), "io.cozy.imports", "1s");
        Thread.sleep(1500);
        assertThat(error(ask(expiring), 422).path("detail").asText()).contains("refused the token");
        String weak = token(a, source.host(), "io.cozy.movetest.notes", null);
        Http.Response forbidden = source.at("POST", "/move/request")
                .bearer(weak)
                .body(requestBody(target.token()))
                .send();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("error").asText()).isEqualTo("Forbidden");
        bothAsBefore();
    }

    @Test
    @Order(2)
    void aTargetThatIsNotEmptyIsRefused() throws Exception {
        String full = "127.0.0.1:" + b.publicPort();
        create(b, full, "");
        Server other = new Server(b.publicUrl, full, token(b, full, "io.cozy.imports%20io.cozy.movetest.notes", null));
        assertThat(other.at("POST", "/data/io.cozy.movetest.notes/")
                        .body("{\"x\":1}")
                        .send()
                        .status())
                .isEqualTo(201);
        Http.Response r = source.at("POST", "/move/request")
                .body("{\"data\":{\"attributes\":{\"target_url\":\"http://" + full + "\",\"target_token\":\""
                        + other.token() + "\"}}}")
                .send();
        assertThat(error(r, 409).path("detail").asText()).contains("io.cozy.movetest.notes");
        bothAsBefore();
    }

    @Test
    @Order(3)
    void aMoveIsConfirmedOnlyByTheLoggedInUserWithAFreshSecret() throws Exception {
        String confirm = confirmUrl(ask(target.token()));
        error(Http.get(source.url() + confirm).host(source.host()).send(), 401);
        WebClient browser = loggedIn();
        error(browser.get("/move/go?secret=wrong"), 400);
        error(source.at("POST", "/move/finalize").bearer("wrong").send(), 403);
        String late = confirmUrl(ask(target.token()));
        Thread.sleep(3500);
        assertThat(error(browser.get(late), 400).path("detail").asText()).contains("expired");
        bothAsBefore();
    }

    @Test
    @Order(4)
    void aTargetRefusesExportLinksOnNonPublicAddressesItDoesNotTrust() throws Exception {
        String internal = "http://127.0.0.1:" + a.publicPort() + "/move/exports/data/x?archive=tar";
        for (String body : new String[] {
            "{\"data\":{\"attributes\":{\"url\":\"" + internal + "\"}}}",
            "{\"data\":{\"attributes\":{\"url\":\"http://" + source.host()
                    + "/x\",\"move_from\":{\"url\":\"http://169.254.169.254\",\"token\":\"t\"}}}}",
            "{\"data\":{\"attributes\":{\"url\":\"http://localhost:" + b.publicPort() + "/\"}}}"
        }) {
            JsonNode e = error(target.at("POST", "/move/imports").body(body).send(), 422);
            assertThat(e.path("detail").asText()).contains("non-public address");
        }
        assertThat(target.get("/move/importing")
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("state")
                        .asText())
                .isEqualTo("none");
        bothAsBefore();
    }

    @Test
    @Order(5)
    void aBlockedTargetAnswers503UntilUnblocked() throws Exception {
        Server reader = new Server(target.url(), target.host(), token(b, target.host(), SCOPE, null));
        assertThat(target.at("POST", "/move/importing?source=elsewhere").send().status())
                .isEqualTo(204);
        JsonNode blocked = error(reader.get("/data/io.cozy.movetest.notes/_all_docs"), 503);
        assertThat(blocked.path("code").asText()).isEqualTo("IMPORTING");
        assertThat(target.get("/move/importing")
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("state")
                        .asText())
                .isEqualTo("waiting");
        error(target.at("POST", "/move/importing").send(), 409);
        assertThat(target.at("POST", "/move/abort").send().status()).isEqualTo(204);
        bothAsBefore();
    }

    @Test
    @Order(6)
    void aTransferCutHalfWayLeavesTheTargetEmptyAndTheSourceUsable() throws Exception {
        WebClient browser = loggedIn();
        String confirm = confirmUrl(ask(target.token()));
        proxy.cutAfter(96 * 1024);
        Http.Response go = browser.get(confirm);
        assertThat(go.status()).as(go.body()).isEqualTo(303);
        assertThat(go.header("Location")).isEqualTo("http://" + target.host() + "/move/importing");
        JsonNode status = await(
                () -> target.get("/move/importing"),
                s -> s.path("state").asText().equals("error"));
        assertThat(status.path("error").asText()).isNotEmpty();
        await(() -> source.get("/data/io.cozy.movetest.notes/_all_docs"), s -> true);
        bothAsBefore();
    }

    @Test
    @Order(7)
    void aRestartReleasesWhatMovesItNoLongerKnowsLeftBlocked() throws Exception {
        // The source blocked in a transfer, the target waiting for an import, and a second
        // instance of the target's server that holds part of an import.
        modify(a, source.host(), "Blocked=true&BlockingReason=MOVING");
        assertThat(target.at("POST", "/move/importing?source=elsewhere").send().status())
                .isEqualTo(204);
        String partial = "partial.example:" + b.publicPort();
        create(b, partial, "");
        Server partialReader =
                new Server(b.publicUrl, partial, token(b, partial, "io.cozy.imports%20io.cozy.movetest.notes", null));
        assertThat(partialReader
                        .at("POST", "/data/io.cozy.movetest.notes/")
                        .body("{\"x\":1}")
                        .send()
                        .status())
                .isEqualTo(201);
        modify(b, partial, "Blocked=true&BlockingReason=IMPORTING");
        error(source.get("/data/io.cozy.movetest.notes/_all_docs"), 503);

        restart(a);
        restart(b);

        awaitLog(a, source.host() + " was moving when the server stopped");
        awaitLog(b, target.host() + " was blocked for an import the server no longer knows");
        awaitLog(b, partial + " was importing when the server stopped");
        assertThat(target.get("/move/importing")
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("state")
                        .asText())
                .isEqualTo("none");
        bothAsBefore();
        JsonNode interrupted =
                partialReader.get("/move/importing").json().path("data").path("attributes");
        assertThat(interrupted.path("state").asText()).isEqualTo("interrupted");
        assertThat(interrupted.path("error").asText()).contains("io.cozy.movetest.notes");
        error(partialReader.get("/data/io.cozy.movetest.notes/_all_docs"), 503);
        modify(b, partial, "Blocked=false");
        assertThat(partialReader.at("POST", "/move/imports/precheck").send().status())
                .isEqualTo(409);
    }

    @Test
    @Order(8)
    void anInstanceMovesWithItsDocumentsFilesAppsAndTriggers() throws Exception {
        WebClient browser = loggedIn();
        Http.Response go = browser.get(confirmUrl(ask(target.token())));
        assertThat(go.status()).as(go.body()).isEqualTo(303);
        JsonNode status = await(
                () -> target.get("/move/importing"),
                s -> s.path("state").asText().equals("done"));
        assertThat(status.path("source").asText()).isEqualTo(source.url().replace("127.0.0.1", "localhost"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        Http.Response old;
        do {
            Thread.sleep(200);
            old = source.get("/data/io.cozy.movetest.notes/_all_docs");
        } while (old.status() != 410 && System.nanoTime() < deadline);
        JsonNode moved = error(old, 410);
        assertThat(moved.path("code").asText()).isEqualTo("moved");
        assertThat(moved.path("links").path("related").asText()).isEqualTo("http://" + target.host());
        error(source.get("/files/io.cozy.files.root-dir"), 410);

        Server reader = new Server(target.url(), target.host(), token(b, target.host(), SCOPE, null));
        assertThat(snapshot(reader)).isEqualTo(before);
        MoveServersFixture.checkContents(reader, before);
    }

    // ---------------------------------------------------------------- helpers

    private Http.Response ask(String targetToken) {
        return source.at("POST", "/move/request").body(requestBody(targetToken)).send();
    }

    private String requestBody(String targetToken) {
        return "{\"data\":{\"attributes\":{\"target_url\":\"http://" + target.host() + "\",\"target_token\":\""
                + targetToken + "\"}}}";
    }

    private static String confirmUrl(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String url =
                r.json().path("data").path("attributes").path("confirm_url").asText();
        return url.substring(url.indexOf("/move/go"));
    }

    private WebClient loggedIn() {
        return loggedIn(source.url(), source.host());
    }

    private static WebClient loggedIn(String url, String host) {
        WebClient browser = new WebClient(url, host);
        Http.Response r = browser.post("/auth/login", LoginSupport.loginForm(browser, LoginSupport.PASSPHRASE));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return browser;
    }

    /** Neither instance is blocked, the target is still empty, the source holds what it held. */
    private void bothAsBefore() throws Exception {
        assertThat(snapshot(source)).isEqualTo(before);
        assertThat(target.at("POST", "/move/imports/precheck").send().status()).isEqualTo(204);
        Server reader = new Server(target.url(), target.host(), token(b, target.host(), SCOPE, null));
        Http.Response notes = reader.get("/data/io.cozy.movetest.notes/_all_docs");
        assertThat(notes.status()).as(notes.body()).isIn(200, 404);
        assertThat(notes.body()).doesNotContain("\"id\"");
    }

    /** Every document of the test doctypes by id, with its revision (and files with their MD5). */
    static Map<String, String> snapshot(Server s) {
        Map<String, String> all = new TreeMap<>();
        for (String doctype : DOCTYPES) {
            Http.Response r = s.get("/data/" + doctype + "/_all_docs?include_docs=true");
            assertThat(r.status()).as(doctype + " " + r.body()).isEqualTo(200);
            for (JsonNode row : r.json().path("rows")) {
                JsonNode doc = row.path("doc");
                String md5 = doc.path("md5sum").asText("");
                all.put(
                        doctype + "/" + row.path("id").asText(),
                        doc.path("_rev").asText() + " " + md5);
            }
        }
        for (String list : new String[] {"/apps/", "/konnectors/"}) {
            for (JsonNode app : s.get(list).json().path("data")) {
                all.put(
                        list + app.path("attributes").path("slug").asText(),
                        app.path("attributes").path("version").asText());
            }
        }
        for (JsonNode t : s.get("/jobs/triggers").json().path("data")) {
            JsonNode at = t.path("attributes");
            all.put(
                    "trigger/" + t.path("id").asText(),
                    at.path("worker").asText() + " " + at.path("arguments").asText());
        }
        return all;
    }

    private static JsonNode error(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json().path("errors").path(0);
        assertThat(e.path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(e.path("detail").asText()).isNotEmpty();
        return e;
    }

    private static JsonNode await(java.util.function.Supplier<Http.Response> call, Predicate<JsonNode> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Http.Response r = call.get();
            if (r.status() == 200) {
                JsonNode attributes = r.json().path("data").path("attributes");
                if (done.test(attributes)) {
                    return attributes;
                }
            }
            assertThat(System.nanoTime()).as("waited for " + r.body()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void modify(Distribution d, String domain, String query) {
        Http.Response r = Http.method("PATCH", d.adminUrl + "/instances/" + domain + "?" + query)
                .basic("admin", ADMIN)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void awaitLog(Distribution d, String line) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!d.log().contains(line)) {
            assertThat(System.nanoTime()).as("waited for " + line).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Kills {@code d} as a crash would and starts it again on the same ports. */
    private static void restart(Distribution d) throws Exception {
        int admin = java.net.URI.create(d.adminUrl).getPort();
        int port = d.publicPort();
        d.kill();
        d.start(Map.of("HEARTH_ADMIN_PASSPHRASE", ADMIN), port, admin);
    }

    private static void create(Distribution d, String domain, String more) {
        Http.Response r = Http.post(d.adminUrl + "/instances?Domain=" + domain + more)
                .basic("admin", ADMIN)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String token(Distribution d, String domain, String scope, String expire) {
        Http.Response r = Http.post(d.adminUrl + "/instances/token?Domain=" + domain + "&Audience=cli&Scope=" + scope
                        + (expire == null ? "" : "&Expire=" + expire))
                .basic("admin", ADMIN)
                .send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body().trim();
    }

    static String md5(byte[] bytes) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
