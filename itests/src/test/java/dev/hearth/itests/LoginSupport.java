package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Instances with a passphrase, and browsers logged in to them, for the auth tests. */
public abstract class LoginSupport extends HearthTestSupport {
    static final String PASSPHRASE = "correct horse battery staple";
    static final int ITERATIONS = 50_000;

    /** An instance whose user chose {@link #PASSPHRASE}. */
    protected String instanceWithPassphrase(String name) {
        return createInstance(name, "&Passphrase=" + PASSPHRASE.replace(" ", "+") + "&KdfIterations=" + ITERATIONS);
    }

    /** Logs a scripted browser in, as the login page would. */
    protected WebClient loggedIn(String domain) {
        WebClient browser = new WebClient(publicUrl(), domain);
        Map<String, String> form = loginForm(browser, PASSPHRASE);
        Http.Response r = browser.post("/auth/login", form);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return browser;
    }

    static Map<String, String> loginForm(WebClient browser, String passphrase) {
        Http.Response page = browser.get("/auth/login");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Map<String, String> form = WebClient.fields(page.body());
        form.put(
                "passphrase",
                WebClient.hash(
                        passphrase,
                        WebClient.attribute(page.body(), "data-salt"),
                        Integer.parseInt(WebClient.attribute(page.body(), "data-iterations"))));
        return form;
    }
}
