package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Onboarding, login, sessions, CSRF, redirects and throttling over real HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthIT extends LoginSupport {
    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void onboardingWithTheRegisterTokenOpensASession() {
        String domain = "onboard.localhost:" + publicPort();
        Http.Response created = adminPost("/instances?Domain=" + domain);
        String token = HexFormat.of()
                .formatHex(Base64.getDecoder()
                        .decode(created.json()
                                .path("data")
                                .path("attributes")
                                .path("register_token")
                                .asText()));
        WebClient browser = new WebClient(publicUrl(), domain);

        Http.Response home = browser.get("/?registerToken=" + token);
        assertThat(home.status()).isEqualTo(303);
        assertThat(home.header("Location")).endsWith("/auth/passphrase?registerToken=" + token);
        assertThat(browser.get("/auth/passphrase?registerToken=bad").status()).isEqualTo(400);
        Http.Response page = browser.get("/auth/passphrase?registerToken=" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        Map<String, String> form = WebClient.fields(page.body());
        assertThat(form).containsEntry("register_token", token).containsEntry("iterations", "650000");
        form.put("iterations", Integer.toString(ITERATIONS));
        form.put("passphrase", WebClient.hash("my new passphrase", "me@onboard.localhost", ITERATIONS));
        Http.Response done = browser.post("/settings/passphrase", form);
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        assertThat(done.header("Set-Cookie"))
                .startsWith("cozysessid=")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Domain=onboard.localhost");
        assertThat(browser.get("/").body()).contains("You are logged in.");

        Http.Response again = browser.post("/settings/passphrase", form);
        assertThat(again.status()).as("the register token is used up").isEqualTo(400);
        Http.Response params = Http.get(publicUrl() + "/settings/passphrase")
                .host(domain)
                .json()
                .send();
        assertThat(params.json().path("salt").asText()).isEqualTo("me@onboard.localhost");
        assertThat(params.json().path("iterations").asInt()).isEqualTo(ITERATIONS);
    }

    @Test
    public void theRightPassphraseOpensASessionAndTheWrongOneGets401() {
        String domain = instanceWithPassphrase("login");
        WebClient browser = new WebClient(publicUrl(), domain);
        assertThat(browser.get("/").header("Location")).endsWith(domain + "/auth/login");
        Http.Response page = browser.get("/auth/login");
        assertThat(WebClient.attribute(page.body(), "data-salt")).isEqualTo("me@login.localhost");
        assertThat(WebClient.attribute(page.body(), "data-iterations")).isEqualTo("50000");
        assertThat(page.header("Set-Cookie"))
                .startsWith("_csrf=")
                .contains("Path=/auth")
                .contains("SameSite=Strict");

        Http.Response wrong = browser.post("/auth/login", loginForm(browser, "not it"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("The credentials you entered are incorrect");
        assertThat(browser.cookie("cozysessid")).isNull();

        Map<String, String> form = loginForm(browser, PASSPHRASE);
        form.put("long-run-session", "1");
        Http.Response ok = browser.post("/auth/login", form);
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.header("Location")).isEqualTo("http://" + domain + "/#=");
        assertThat(ok.header("Set-Cookie")).contains("Max-Age=315360000");
        assertThat(browser.get("/").body()).contains("You are logged in.");
        assertThat(browser.get("/auth/login").status())
                .as("a logged-in browser skips the form")
                .isEqualTo(303);
    }

    @Test
    public void scriptedClientsGetJson() {
        String domain = instanceWithPassphrase("jsonlogin");
        WebClient browser = new WebClient(publicUrl(), domain);
        Map<String, String> form = loginForm(browser, "wrong");
        Http.Response wrong = browser.remember(browser.request("POST", "/auth/login")
                .json()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(WebClient.encode(form))
                .send());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText())
                .isEqualTo("The credentials you entered are incorrect, please try again.");
        form = loginForm(browser, PASSPHRASE);
        Http.Response ok = browser.remember(browser.request("POST", "/auth/login")
                .json()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(WebClient.encode(form))
                .send());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("redirect").asText()).isEqualTo("http://" + domain + "/#=");
        assertThat(browser.cookie("cozysessid")).isNotNull();
    }

    @Test
    public void aFormWithoutTheCsrfTokenOfItsCookieIsRefused() {
        String domain = instanceWithPassphrase("csrf");
        WebClient browser = new WebClient(publicUrl(), domain);
        Map<String, String> form = loginForm(browser, PASSPHRASE);
        Map<String, String> forged = new LinkedHashMap<>(form);
        forged.put("csrf_token", "A".repeat(43));
        Http.Response r = browser.remember(browser.request("POST", "/auth/login")
                .json()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(WebClient.encode(forged))
                .send());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid csrf token");
        forged.remove("csrf_token");
        assertThat(browser.post("/auth/login", forged).status()).isEqualTo(400);
        WebClient other = new WebClient(publicUrl(), domain);
        assertThat(other.post("/auth/login", form).status())
                .as("a token without its cookie")
                .isEqualTo(403);
        assertThat(browser.cookie("cozysessid")).isNull();
    }

    @Test
    public void redirectsStayOnTheInstanceAndItsApps() {
        String domain = instanceWithPassphrase("redirects");
        WebClient browser = new WebClient(publicUrl(), domain);
        Map<String, String> form = loginForm(browser, PASSPHRASE);
        for (String foreign : new String[] {
            "http://evil.example/",
            "http://other.localhost:" + publicPort() + "/",
            "http://redirects.localhost.evil.example/"
        }) {
            form.put("redirect", foreign);
            Http.Response r = browser.post("/auth/login", form);
            assertThat(r.status()).as(foreign).isEqualTo(400);
            assertThat(r.body()).contains("bad url: should be subdomain");
        }
        form.put("redirect", "javascript:alert(1)");
        assertThat(browser.post("/auth/login", form).status()).isEqualTo(400);
        assertThat(browser.cookie("cozysessid"))
                .as("no session for a refused redirect")
                .isNull();
        String app = "http://drive." + domain + "/#/folder";
        form.put("redirect", app);
        Http.Response ok = browser.post("/auth/login", form);
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.header("Location")).isEqualTo(app);
    }

    @Test
    public void aSessionCookieOfOneInstanceIsNothingOnAnother() {
        WebClient alice = loggedIn(instanceWithPassphrase("cookiea"));
        String bob = instanceWithPassphrase("cookieb");
        WebClient thief = new WebClient(publicUrl(), bob);
        thief.setCookie("cozysessid", alice.cookie("cozysessid"));
        Http.Response r = thief.get("/");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/auth/login");
        WebClient tampered = new WebClient(publicUrl(), "cookiea.localhost:" + publicPort());
        String value = alice.cookie("cozysessid");
        tampered.setCookie("cozysessid", value.substring(0, value.length() - 2) + "xx");
        assertThat(tampered.get("/").status()).isEqualTo(303);
    }

    @Test
    public void guessingIsThrottled() {
        String domain = instanceWithPassphrase("throttle");
        WebClient attacker = new WebClient(publicUrl(), domain);
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.post("/auth/login", loginForm(attacker, "guess " + i))
                            .status())
                    .isEqualTo(401);
        }
        Http.Response refused = null;
        for (int i = 5; i < 10 && refused == null; i++) {
            Http.Response r = attacker.post("/auth/login", loginForm(attacker, "guess " + i));
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).isEqualTo(401);
            }
        }
        assertThat(refused).as("past five failures the address has to wait").isNotNull();
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        Http.Response right = attacker.remember(attacker.request("POST", "/auth/login")
                .json()
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(WebClient.encode(loginForm(attacker, PASSPHRASE)))
                .send());
        assertThat(right.status()).as("even the right passphrase waits").isEqualTo(429);
        assertThat(right.json().path("error").asText()).isEqualTo("Too many login attempts, try again later");
    }

    @Test
    public void sessionsAreListedAndAppsLogThemOut() {
        String domain = instanceWithPassphrase("sessions");
        WebClient first = loggedIn(domain);
        WebClient second = loggedIn(domain);
        JsonNode list = Http.get(publicUrl() + "/settings/sessions")
                .host(domain)
                .bearer(cliToken(domain, "io.cozy.sessions"))
                .json()
                .send()
                .json();
        assertThat(list.path("data")).hasSize(2);
        assertThat(list.path("data").get(0).path("type").asText()).isEqualTo("io.cozy.sessions");
        assertThat(list.path("data").get(0).path("attributes").has("last_seen")).isTrue();
        assertThat(Http.get(publicUrl() + "/settings/sessions")
                        .host(domain)
                        .bearer(cliToken(domain, "io.cozy.files"))
                        .json()
                        .send()
                        .status())
                .isEqualTo(403);

        Http.Response noApp = first.request("DELETE", "/auth/login")
                .bearer(cliToken(domain, "io.cozy.sessions"))
                .json()
                .send();
        assertThat(noApp.status()).isEqualTo(401);
        assertThat(noApp.json().path("error").asText()).isEqualTo("The user can logout only from client-side apps");
        String appToken = adminToken(domain, "Audience=app&Subject=drive");
        Http.Response out = first.remember(
                first.request("DELETE", "/auth/login").bearer(appToken).json().send());
        assertThat(out.status()).isEqualTo(204);
        assertThat(first.get("/").status()).as("logged out").isEqualTo(303);
        assertThat(second.get("/").status()).as("the other session lives").isEqualTo(200);
    }

    @Test
    public void changingThePassphraseNeedsTheCurrentOneAndEndsOtherSessions() {
        String domain = instanceWithPassphrase("change");
        WebClient other = loggedIn(domain);
        String settings = cliToken(domain, "io.cozy.settings");
        String current = WebClient.hash(PASSPHRASE, "me@change.localhost", ITERATIONS);
        String next = WebClient.hash("a brand new passphrase", "me@change.localhost", 60_000);
        Http.Response wrong = Http.method("PUT", publicUrl() + "/settings/passphrase")
                .host(domain)
                .bearer(settings)
                .json()
                .body("{\"current_passphrase\":\"" + next + "\",\"new_passphrase\":\"" + next
                        + "\",\"iterations\":60000}")
                .send();
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("Invalid passphrase");
        Http.Response ok = Http.method("PUT", publicUrl() + "/settings/passphrase")
                .host(domain)
                .bearer(settings)
                .json()
                .body("{\"current_passphrase\":\"" + current + "\",\"new_passphrase\":\"" + next
                        + "\",\"iterations\":60000}")
                .send();
        assertThat(ok.status()).as(ok.body()).isEqualTo(204);
        assertThat(other.get("/").status())
                .as("sessions end with the old passphrase")
                .isEqualTo(303);
        WebClient browser = new WebClient(publicUrl(), domain);
        assertThat(browser.post("/auth/login", loginForm(browser, "a brand new passphrase"))
                        .status())
                .isEqualTo(303);
    }

    @Test
    public void withTwoFactorTheSessionWaitsForTheCode() {
        String domain = instanceWithPassphrase("totp");
        String settings = cliToken(domain, "io.cozy.settings");
        String hash = WebClient.hash(PASSPHRASE, "me@totp.localhost", ITERATIONS);
        Http.Response noPassphrase = Http.post(publicUrl() + "/settings/twofactor")
                .host(domain)
                .bearer(settings)
                .json()
                .body("{\"passphrase\":\"wrong\"}")
                .send();
        assertThat(noPassphrase.status())
                .as("a settings token alone cannot turn it on")
                .isEqualTo(400);
        JsonNode setup = Http.post(publicUrl() + "/settings/twofactor")
                .host(domain)
                .bearer(settings)
                .json()
                .body("{\"passphrase\":\"" + hash + "\"}")
                .send()
                .json();
        assertThat(setup.path("otpauth_uri").asText()).startsWith("otpauth://totp/");
        Http.Response confirmed = Http.post(publicUrl() + "/settings/twofactor/confirm")
                .host(domain)
                .bearer(settings)
                .json()
                .body("{\"passcode\":\"" + WebClient.totp(setup.path("secret").asText()) + "\"}")
                .send();
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode recovery = confirmed.json().path("recovery_codes");
        assertThat(recovery).hasSize(10);

        WebClient browser = new WebClient(publicUrl(), domain);
        Http.Response first = browser.post("/auth/login", loginForm(browser, PASSPHRASE));
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).contains("/auth/twofactor?two_factor_token=");
        assertThat(browser.cookie("cozysessid"))
                .as("no session before the code")
                .isNull();
        String path =
                first.header("Location").substring(first.header("Location").indexOf("/auth/twofactor"));
        Map<String, String> form = WebClient.fields(browser.get(path).body());
        form.put("two-factor-passcode", "000000".equals(form.get("two-factor-passcode")) ? "111111" : "000000");
        assertThat(browser.post("/auth/twofactor", form).status()).isEqualTo(401);
        form = WebClient.fields(browser.get(path).body());
        form.put("two-factor-passcode", recovery.get(0).asText());
        Http.Response done = browser.post("/auth/twofactor", form);
        assertThat(done.status()).isEqualTo(303);
        assertThat(browser.cookie("cozysessid")).isNotNull();
        form.put("two-factor-passcode", recovery.get(0).asText());
        assertThat(new WebClient(publicUrl(), domain)
                        .post("/auth/twofactor", form)
                        .status())
                .as("without the CSRF cookie")
                .isEqualTo(403);
        assertThat(browser.get("/auth/twofactor?two_factor_token=forged").status())
                .isEqualTo(400);
    }
}
