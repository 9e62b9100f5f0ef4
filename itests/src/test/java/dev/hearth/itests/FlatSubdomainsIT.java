package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Host routing with flat app subdomains ({@code alice-drive.localhost}). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FlatSubdomainsIT extends LoginSupport {

    @Configuration
    public Option[] config() {
        return distribution("flat");
    }

    @Test
    public void flatAppHostsResolveToTheirInstance() {
        String domain = "alice.localhost:" + publicPort();
        assertThat(adminPost("/instances?Domain=" + domain).status()).isEqualTo(201);

        Http.Response app = Http.get(publicUrl() + "/")
                .host("alice-drive.localhost:" + publicPort())
                .json()
                .send();
        assertThat(app.status()).isEqualTo(404);
        assertThat(app.json().path("error").asText()).isEqualTo("Application is not installed");

        Http.Response nested =
                Http.get(publicUrl() + "/").host("drive." + domain).json().send();
        assertThat(nested.json().path("error").asText()).isEqualTo("Instance not found");

        Http.Response api =
                Http.get(publicUrl() + "/permissions/self").host(domain).json().send();
        assertThat(api.json().path("error").asText()).isEqualTo("No token in request");
    }

    @Test
    public void theSessionCookieIsPerInstanceOneLevelUp() {
        String domain = instanceWithPassphrase("flatlogin");
        WebClient browser = new WebClient(publicUrl(), domain);
        Map<String, String> form = loginForm(browser, PASSPHRASE);
        Http.Response r = browser.post("/auth/login", form);
        assertThat(r.status()).isEqualTo(303);
        String cookie = r.header("Set-Cookie");
        assertThat(cookie).startsWith("sess-").contains("Domain=localhost;");
        assertThat(browser.get("/").body()).contains("You are logged in.");
        form.put("redirect", "http://flatlogin-drive.localhost:" + publicPort() + "/#/folder");
        Http.Response toApp = browser.post("/auth/login", form);
        assertThat(toApp.header("Location"))
                .as("flat app hosts are the instance's")
                .isEqualTo(form.get("redirect"));
        form.put("redirect", "http://other-drive.localhost:" + publicPort() + "/");
        assertThat(browser.post("/auth/login", form).status())
                .as("another instance's app")
                .isEqualTo(400);
    }
}
