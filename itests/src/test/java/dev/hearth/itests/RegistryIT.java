package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Hearth's own registry: editors publish to it on the admin endpoint as to cozy-apps-registry,
 * instances install from it with {@code registry://} sources by channel, updates that ask for new
 * permissions wait, and {@code /registry} on an instance reads it for apps and logged-in users only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistryIT extends RegistrySupport {
    private static final String NOTES = "{\"notes\":{\"type\":\"io.cozy.notes\"}}";
    private static final String NOTES_AND_FILES =
            "{\"notes\":{\"type\":\"io.cozy.notes\"},\"files\":{\"type\":\"io.cozy.files\",\"verbs\":[\"GET\"]}}";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void publishedVersionsInstallByChannel() throws Exception {
        try (LoopbackServer files = new LoopbackServer()) {
            String token = editor("acme");
            byte[] v1 = tarball("pad", "1.0.0", "acme", NOTES);
            published(files, token, "pad", "1.0.0", v1);
            Http.Response again = publish(token, "pad", "1.0.0", files.url("/pad-1.0.0.tar.gz"), sha256(v1));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().path("error").asText()).isEqualTo("Version already exists");
            assertThat(publish("bm9wZQ==", "pad", "1.0.1", files.url("/x"), sha256(v1))
                            .status())
                    .isEqualTo(401);
            assertThat(publish(editor("other"), "pad", "1.0.1", files.url("/x"), sha256(v1))
                            .status())
                    .as("the app is acme's")
                    .isEqualTo(401);
            published(files, token, "pad", "1.1.0-beta.1", tarball("pad", "1.1.0-beta.1", "acme", NOTES));

            Http.Response versions = Http.get(adminUrl() + "/registry/pad/versions")
                    .basic("admin", adminPassphrase())
                    .send();
            assertThat(versions.json().path("stable").toString()).isEqualTo("[\"1.0.0\"]");
            assertThat(versions.json().path("beta").toString()).isEqualTo("[\"1.0.0\",\"1.1.0-beta.1\"]");
            Http.Response latest = Http.get(adminUrl() + "/registry/pad/beta/latest")
                    .header("Authorization", "Token " + token)
                    .send();
            assertThat(latest.json().path("url").asText())
                    .isEqualTo(adminUrl() + "/registry/pad/1.1.0-beta.1/tarball/pad-1.1.0-beta.1.tar.gz");

            String alice = instanceWithPassphrase("alice");
            String bob = createInstance("bob");
            String aliceCli = cliToken(alice, "io.cozy.apps");
            Http.Response stable = apps("POST", "/apps/pad?Source=registry://pad", alice, aliceCli);
            assertThat(stable.status()).as(stable.body()).isEqualTo(202);
            assertThat(stable.json()
                            .path("data")
                            .path("attributes")
                            .path("version")
                            .asText())
                    .isEqualTo("1.0.0");
            assertThat(stable.json()
                            .path("data")
                            .path("attributes")
                            .path("checksum")
                            .asText())
                    .isEqualTo(sha256(v1));
            Http.Response beta =
                    apps("POST", "/apps/pad?Source=registry://pad/beta", bob, cliToken(bob, "io.cozy.apps"));
            assertThat(beta.status()).as(beta.body()).isEqualTo(202);
            assertThat(beta.json()
                            .path("data")
                            .path("attributes")
                            .path("version")
                            .asText())
                    .isEqualTo("1.1.0-beta.1");
            String cookie = "cozysessid=" + loggedIn(alice).cookie("cozysessid");
            assertThat(page("pad", alice, cookie).body()).contains("pad 1.0.0");
            assertThat(apps("POST", "/apps/nothing?Source=registry://nothing", alice, aliceCli)
                            .status())
                    .isEqualTo(404);
            assertThat(downloadsLeft()).isZero();
        }
    }

    @Test
    public void anUpdateWithNewPermissionsWaitsUntilAcknowledged() throws Exception {
        try (LoopbackServer files = new LoopbackServer()) {
            String token = editor("todoer");
            published(files, token, "todo", "1.0.0", tarball("todo", "1.0.0", "todoer", NOTES));
            String carol = createInstance("carol");
            String cli = cliToken(carol, "io.cozy.apps");
            String store = adminToken(carol, "Audience=app&Subject=store");
            assertThat(apps("POST", "/apps/todo?Source=https://example.org/todo.tar.gz", carol, store)
                            .status())
                    .as("a URL is the operator's")
                    .isEqualTo(403);
            Http.Response installed = apps("POST", "/apps/todo?Source=registry://todo", carol, cli);
            assertThat(installed.status()).as(installed.body()).isEqualTo(202);
            published(files, token, "todo", "1.1.0", tarball("todo", "1.1.0", "todoer", NOTES_AND_FILES));

            Http.Response waiting = apps("PUT", "/apps/todo", carol, cli);
            assertThat(waiting.status()).as(waiting.body()).isEqualTo(202);
            JsonNode attributes = waiting.json().path("data").path("attributes");
            assertThat(attributes.path("version").asText()).isEqualTo("1.0.0");
            assertThat(attributes.path("available_version").asText()).isEqualTo("1.1.0");
            Http.Response acked = apps("PUT", "/apps/todo?PermissionsAcked=true", carol, cli);
            assertThat(acked.json()
                            .path("data")
                            .path("attributes")
                            .path("version")
                            .asText())
                    .isEqualTo("1.1.0");
            assertThat(acked.json().path("data").path("attributes").has("available_version"))
                    .isFalse();
            assertThat(appBundles("hearth.app.todo")).hasSize(1);
        }
    }

    @Test
    public void theRegistryOfAnInstanceIsForAppsAndItsIconsForTheUser() throws Exception {
        try (LoopbackServer files = new LoopbackServer()) {
            published(files, editor("memoer"), "memo", "1.0.0", tarball("memo", "1.0.0", "memoer", NOTES));
            String dave = instanceWithPassphrase("dave");
            String store = adminToken(dave, "Audience=app&Subject=store");
            Http.Response list = call("GET", publicUrl() + "/registry", dave, store);
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(slugs(list)).contains("memo");
            assertThat(list.json().path("meta").path("next_cursor").asText()).isEmpty();
            assertThat(call("GET", publicUrl() + "/registry", dave, cliToken(dave, "io.cozy.apps"))
                            .status())
                    .isEqualTo(403);
            assertThat(Http.get(publicUrl() + "/registry/memo")
                            .host(dave)
                            .send()
                            .status())
                    .isEqualTo(401);
            Http.Response app = call("GET", publicUrl() + "/registry/memo", dave, store);
            assertThat(app.json().path("latest_version").path("version").asText())
                    .isEqualTo("1.0.0");
            assertThat(call("GET", publicUrl() + "/registry/memo/1.0.0", dave, store)
                            .json()
                            .path("manifest")
                            .path("slug")
                            .asText())
                    .isEqualTo("memo");
            assertThat(call("GET", publicUrl() + "/registry/memo/nightly/latest", dave, store)
                            .status())
                    .isEqualTo(400);
            assertThat(call("GET", publicUrl() + "/registry/maintenance", dave, store)
                            .body())
                    .isEqualTo("[]");
            assertThat(call("GET", publicUrl() + "/registry/memo/icon", dave, store)
                            .status())
                    .as("icons are for the user's browser")
                    .isEqualTo(403);
            Http.Response icon = Http.get(publicUrl() + "/registry/memo/icon")
                    .host(dave)
                    .header("Cookie", "cozysessid=" + loggedIn(dave).cookie("cozysessid"))
                    .send();
            assertThat(icon.status()).isEqualTo(200);
            assertThat(icon.header("Content-Type")).startsWith("image/svg+xml");
            assertThat(icon.body()).isEqualTo("<svg/>");
        }
    }
}
