package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Share-by-link permission sets over real HTTP: codes that open exactly their rules. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PermissionsIT extends LoginSupport {
    private static final String NOTE_RULE =
            "{\"data\":{\"type\":\"io.cozy.permissions\",\"attributes\":{\"permissions\":"
                    + "{\"note\":{\"type\":\"io.cozy.notes\",\"verbs\":[\"GET\"],\"values\":[\"shared\"]}}%s}}}";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    private Http.Response call(String method, String domain, String path, String token, String body) {
        Http.Request r = Http.method(method, publicUrl() + path).host(domain).json();
        if (token != null) {
            r.bearer(token);
        }
        return r.body(body == null ? "" : body).send();
    }

    private JsonNode share(String domain, String owner, String query, String extra) {
        Http.Response r = call("POST", domain, "/permissions?" + query, owner, NOTE_RULE.formatted(extra));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    @Test
    public void aCodeOpensExactlyItsRulesUntilItIsRevoked() {
        String domain = instanceWithPassphrase("share");
        String owner = cliToken(domain, "io.cozy.notes");
        call("PUT", domain, "/data/io.cozy.notes/shared", owner, "{\"t\":\"shared\"}");
        call("PUT", domain, "/data/io.cozy.notes/private", owner, "{\"t\":\"private\"}");

        JsonNode set = share(domain, owner, "codes=bob,jane&ttl=1D&tinycode=true", "");
        assertThat(set.path("attributes").path("type").asText()).isEqualTo("share");
        assertThat(set.path("attributes").path("source_id").asText()).isEqualTo("cli");
        assertThat(set.path("attributes").path("expires_at").asText()).isNotEmpty();
        String bob = set.path("attributes").path("codes").path("bob").asText();
        String jane = set.path("attributes").path("codes").path("jane").asText();
        String janeShort =
                set.path("attributes").path("shortcodes").path("jane").asText();
        assertThat(bob).isNotEqualTo(jane);
        assertThat(janeShort).hasSize(12);

        assertThat(call("GET", domain, "/data/io.cozy.notes/shared", bob, null).status())
                .isEqualTo(200);
        assertThat(call("GET", domain, "/data/io.cozy.notes/shared", janeShort, null)
                        .status())
                .isEqualTo(200);
        assertThat(call("GET", domain, "/data/io.cozy.notes/private", bob, null).status())
                .as("another document")
                .isEqualTo(403);
        assertThat(call("PUT", domain, "/data/io.cozy.notes/shared", bob, "{\"t\":\"x\"}")
                        .status())
                .as("another verb")
                .isEqualTo(403);
        assertThat(call("POST", domain, "/permissions?codes=eve", bob, NOTE_RULE.formatted(""))
                        .status())
                .as("a code cannot share further")
                .isEqualTo(403);
        JsonNode self =
                call("GET", domain, "/permissions/self", bob, null).json().path("data");
        assertThat(self.path("id").asText()).isEqualTo(set.path("id").asText());
        assertThat(self.path("attributes").has("codes"))
                .as("a code does not see the others")
                .isFalse();

        String id = set.path("id").asText();
        assertThat(call("PATCH", domain, "/permissions/" + id, owner, "{\"data\":{\"attributes\":{\"codes\":5}}}")
                        .status())
                .as("a bad patch revokes nothing")
                .isEqualTo(422);
        assertThat(call("GET", domain, "/data/io.cozy.notes/shared", bob, null).status())
                .isEqualTo(200);
        Http.Response patched = call(
                "PATCH",
                domain,
                "/permissions/" + id,
                owner,
                "{\"data\":{\"attributes\":{\"codes\":{\"jane\":\"\"}}}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(call("GET", domain, "/data/io.cozy.notes/shared", bob, null).status())
                .as("bob revoked")
                .isEqualTo(400);
        assertThat(call("GET", domain, "/data/io.cozy.notes/shared", jane, null).status())
                .isEqualTo(200);

        JsonNode exists = call(
                        "POST",
                        domain,
                        "/permissions/exists",
                        owner,
                        "{\"data\":[{\"type\":\"io.cozy.notes\",\"id\":\"shared\"},{\"type\":\"io.cozy.notes\",\"id\":\"private\"}]}")
                .json()
                .path("data");
        assertThat(exists).hasSize(1);
        assertThat(exists.get(0).path("verbs").toString()).isEqualTo("[\"GET\"]");
        JsonNode listed = call("GET", domain, "/permissions/doctype/io.cozy.notes/shared-by-link", owner, null)
                .json();
        assertThat(listed.path("meta").path("count").asInt()).isEqualTo(1);

        assertThat(call("DELETE", domain, "/permissions/" + id, cliToken(domain, "io.cozy.files"), null)
                        .status())
                .as("only who could have created it")
                .isEqualTo(403);
        assertThat(call("DELETE", domain, "/permissions/" + id, owner, null).status())
                .isEqualTo(204);
        assertThat(call("GET", domain, "/data/io.cozy.notes/shared", jane, null).status())
                .isEqualTo(400);
    }

    @Test
    public void nobodySharesMoreThanTheyHave() {
        String domain = instanceWithPassphrase("sharemore");
        String reader = cliToken(domain, "io.cozy.notes:GET");
        Http.Response more = call(
                "POST",
                domain,
                "/permissions?codes=bob",
                reader,
                "{\"data\":{\"attributes\":{\"permissions\":{\"all\":{\"type\":\"io.cozy.notes\"}}}}}");
        assertThat(more.status()).isEqualTo(403);
        Http.Response other = call(
                "POST",
                domain,
                "/permissions?codes=bob",
                reader,
                "{\"data\":{\"attributes\":{\"permissions\":{\"f\":{\"type\":\"io.cozy.files\",\"verbs\":[\"GET\"]}}}}}");
        assertThat(other.status()).isEqualTo(403);
        assertThat(call("POST", domain, "/permissions?codes=bob&ttl=forever", reader, NOTE_RULE.formatted(""))
                        .status())
                .isEqualTo(422);
    }

    @Test
    public void aPasswordProtectedLinkNeedsThePasswordCookie() {
        String domain = instanceWithPassphrase("sharepass");
        String owner = cliToken(domain, "io.cozy.notes");
        call("PUT", domain, "/data/io.cozy.notes/shared", owner, "{\"t\":\"shared\"}");
        JsonNode set = share(domain, owner, "codes=bob", ",\"password\":\"open sesame\"");
        assertThat(set.path("attributes").path("password").asBoolean()).isTrue();
        String bob = set.path("attributes").path("codes").path("bob").asText();
        Http.Response locked = call("GET", domain, "/data/io.cozy.notes/shared", bob, null);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.body()).contains("This link is protected by a password");

        WebClient visitor = new WebClient(publicUrl(), domain);
        String id = set.path("id").asText();
        assertThat(visitor.post("/auth/share-by-link/password", Map.of("perm_id", id, "password", "wrong"))
                        .status())
                .isEqualTo(403);
        Http.Response ok =
                visitor.post("/auth/share-by-link/password", Map.of("perm_id", id, "password", "open sesame"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Set-Cookie")).startsWith("pass" + id + "=").contains("HttpOnly");
        assertThat(visitor.request("GET", "/data/io.cozy.notes/shared")
                        .bearer(bob)
                        .json()
                        .send()
                        .status())
                .isEqualTo(200);
    }
}
