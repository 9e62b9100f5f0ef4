package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

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
public class FlatSubdomainsIT extends HearthTestSupport {

    @Configuration
    public Option[] config() {
        return distribution("flat");
    }

    @Test
    public void flatAppHostsResolveToTheirInstance() {
        String domain = "alice.localhost:" + publicPort();
        assertThat(Http.post(adminUrl() + "/instances?Domain=" + domain).basic("admin", adminPassphrase()).send()
                .status()).isEqualTo(201);

        Http.Response app = Http.get(publicUrl() + "/").host("alice-drive.localhost:" + publicPort()).json().send();
        assertThat(app.status()).isEqualTo(404);
        assertThat(app.json().path("error").asText()).isEqualTo("Application is not installed");

        Http.Response nested = Http.get(publicUrl() + "/").host("drive." + domain).json().send();
        assertThat(nested.json().path("error").asText()).isEqualTo("Instance not found");

        Http.Response api = Http.get(publicUrl() + "/permissions/self").host(domain).json().send();
        assertThat(api.json().path("error").asText()).isEqualTo("No token in request");
    }
}
