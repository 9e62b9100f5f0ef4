package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Updating an installed app: the new version is installed beside the old one, each instance is
 * served the version its document names, new permissions wait until acknowledged, and a version
 * no instance uses any more leaves the framework and the disk.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AppUpdatesIT extends AppsSupport {
    private static final String NOTES = "{\"notes\":{\"type\":\"io.cozy.notes\"}}";
    private static final String NOTES_AND_FILES =
            "{\"notes\":{\"type\":\"io.cozy.notes\"},\"files\":{\"type\":\"io.cozy.files\",\"verbs\":[\"GET\"]}}";

    @Configuration
    public Option[] config() {
        return distribution("nested");
    }

    @Test
    public void eachInstanceIsServedItsVersionAndUnusedVersionsAreCollected() throws Exception {
        String alice = instanceWithPassphrase("alice");
        String bob = instanceWithPassphrase("bob");
        String aliceCli = cliToken(alice, "io.cozy.apps");
        String bobCli = cliToken(bob, "io.cozy.apps");
        Map<Long, String> before = FrameworkServices.settled(context);
        int bundles = context.getBundles().length;

        String v1 = webapp("memo", "1.0.0", NOTES).toUri().toString();
        assertThat(apps("POST", "/apps/memo?Source=" + v1, alice, aliceCli).status())
                .isEqualTo(202);
        assertThat(apps("POST", "/apps/memo?Source=" + v1, bob, bobCli).status())
                .isEqualTo(202);
        assertThat(appBundles("hearth.app.memo")).as("one bundle per version").hasSize(1);
        JsonNode installed = apps("GET", "/apps/memo", alice, aliceCli).json().path("data");

        Http.Response updated = apps(
                "PUT", "/apps/memo?Source=" + webapp("memo", "2.0.0", NOTES).toUri(), alice, aliceCli);
        assertThat(updated.status()).as(updated.body()).isEqualTo(202);
        JsonNode attributes = updated.json().path("data").path("attributes");
        assertThat(attributes.path("version").asText()).isEqualTo("2.0.0");
        assertThat(attributes.path("state").asText()).isEqualTo("ready");
        assertThat(attributes.has("available_version")).isFalse();
        assertThat(attributes.path("checksum").asText())
                .hasSize(64)
                .isNotEqualTo(installed.path("attributes").path("checksum").asText());
        assertThat(attributes.path("created_at"))
                .isEqualTo(installed.path("attributes").path("created_at"));
        assertThat(appBundles("hearth.app.memo")).as("beside the old one").hasSize(2);

        String aliceCookie = "cozysessid=" + loggedIn(alice).cookie("cozysessid");
        String bobCookie = "cozysessid=" + loggedIn(bob).cookie("cozysessid");
        assertThat(page("memo", alice, aliceCookie).body()).contains("memo 2.0.0");
        assertThat(page("memo", bob, bobCookie).body()).contains("memo 1.0.0");

        assertThat(apps("PUT", "/apps/memo", bob, bobCli).status())
                .as("from the stored source: the same archive")
                .isEqualTo(202);
        assertThat(page("memo", bob, bobCookie).body()).contains("memo 1.0.0");

        String rev = apps("GET", "/apps/memo", alice, aliceCli)
                .json()
                .path("data")
                .path("meta")
                .path("rev")
                .asText();
        Http.Response same = apps("PUT", "/apps/memo", alice, aliceCli);
        assertThat(same.status()).isEqualTo(202);
        assertThat(same.json().path("data").path("meta").path("rev").asText())
                .as("nothing to write")
                .isEqualTo(rev);
        assertThat(apps(
                                "PUT",
                                "/apps/memo?Source="
                                        + webapp("memo", "2.0.0", NOTES).toUri(),
                                bob,
                                bobCli)
                        .status())
                .isEqualTo(202);
        assertThat(appBundles("hearth.app.memo"))
                .as("1.0.0 went with its last instance")
                .extracting(b -> b.getVersion().toString())
                .containsExactly("2.0.0");
        assertThat(appJars("hearth.app.memo")).containsExactly("hearth.app.memo-2.0.0.jar");
        assertThat(page("memo", bob, bobCookie).body()).contains("memo 2.0.0");

        assertThat(apps("DELETE", "/apps/memo", alice, aliceCli).status()).isEqualTo(200);
        assertThat(appBundles("hearth.app.memo")).as("bob still uses it").hasSize(1);
        assertThat(apps("DELETE", "/apps/memo", bob, bobCli).status()).isEqualTo(200);
        assertThat(appBundles("hearth.app.memo")).isEmpty();
        assertThat(appJars("hearth.app.memo")).isEmpty();
        assertThat(context.getBundles()).hasSize(bundles);
        assertThat(FrameworkServices.of(context)).isEqualTo(before);
    }

    @Test
    public void newPermissionsWaitUntilTheUserAcknowledgesThem() throws Exception {
        String carol = instanceWithPassphrase("carol");
        String cli = cliToken(carol, "io.cozy.apps");
        String cookie = "cozysessid=" + loggedIn(carol).cookie("cozysessid");
        assertThat(apps(
                                "POST",
                                "/apps/todo?Source="
                                        + webapp("todo", "1.0.0", NOTES).toUri(),
                                carol,
                                cli)
                        .status())
                .isEqualTo(202);
        String appToken = adminToken(carol, "Audience=app&Subject=todo");
        assertThat(granted(carol, appToken)).containsOnlyKeys("notes");
        RealtimeIT.Client events = RealtimeIT.Client.open("ws://127.0.0.1:" + publicPort() + "/realtime/", carol, true);
        events.send("{\"method\":\"AUTH\",\"payload\":\"" + cli + "\"}");
        events.subscribe("io.cozy.apps", null);
        assertThat(events.sync()).isEmpty();

        String v2 = webapp("todo", "2.0.0", NOTES_AND_FILES).toUri().toString();
        Http.Response waiting = apps("PUT", "/apps/todo?Source=" + v2, carol, cli);
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(202);
        JsonNode attributes = waiting.json().path("data").path("attributes");
        assertThat(attributes.path("version").asText()).as("not updated").isEqualTo("1.0.0");
        assertThat(attributes.path("available_version").asText()).isEqualTo("2.0.0");
        assertThat(attributes.path("source").asText()).isEqualTo(v2);
        List<JsonNode> announced = events.sync();
        assertThat(announced)
                .first()
                .as("the update starts: a state that is never stored")
                .satisfies(e -> assertThat(
                                e.path("payload").path("doc").path("state").asText())
                        .isEqualTo("upgrading"))
                .satisfies(e ->
                        assertThat(e.path("payload").path("doc").has("_rev")).isFalse());
        assertThat(stored(announced))
                .singleElement()
                .satisfies(e -> assertThat(e.path("event").asText()).isEqualTo("UPDATED"))
                .satisfies(e -> assertThat(e.path("payload")
                                .path("doc")
                                .path("available_version")
                                .asText())
                        .isEqualTo("2.0.0"));
        assertThat(granted(carol, appToken)).containsOnlyKeys("notes");
        assertThat(page("todo", carol, cookie).body()).contains("todo 1.0.0");
        assertThat(appBundles("hearth.app.todo"))
                .as("the version nobody uses is not kept")
                .hasSize(1);

        assertThat(apps("PUT", "/apps/todo?PermissionsAcked=false", carol, cli)
                        .json()
                        .path("data")
                        .path("attributes")
                        .path("version")
                        .asText())
                .isEqualTo("1.0.0");
        Http.Response acked = apps("PUT", "/apps/todo?PermissionsAcked=true", carol, cli);
        assertThat(acked.status()).as(acked.body()).isEqualTo(202);
        attributes = acked.json().path("data").path("attributes");
        assertThat(attributes.path("version").asText()).isEqualTo("2.0.0");
        assertThat(attributes.has("available_version")).isFalse();
        assertThat(granted(carol, appToken)).containsOnlyKeys("notes", "files");
        assertThat(stored(events.sync()))
                .as("the refused update wrote nothing more; the acknowledged one did")
                .singleElement()
                .satisfies(e -> assertThat(
                                e.path("payload").path("doc").path("version").asText())
                        .isEqualTo("2.0.0"));
        assertThat(page("todo", carol, cookie).body()).contains("todo 2.0.0");
        assertThat(appBundles("hearth.app.todo")).hasSize(1);

        assertThat(apps("PUT", "/apps/nothing", carol, cli).status()).isEqualTo(404);
        assertThat(apps("PUT", "/apps/todo?Source=" + v2, carol, adminToken(carol, "Audience=app&Subject=store"))
                        .status())
                .as("updating from a file of the server is for the command line only")
                .isEqualTo(403);
        assertThat(apps("DELETE", "/apps/todo", carol, cli).status()).isEqualTo(200);
        assertThat(appBundles("hearth.app.todo")).isEmpty();
    }

    /** The events of documents written: those with a revision. */
    private static List<JsonNode> stored(List<JsonNode> events) {
        return events.stream()
                .filter(e -> e.path("payload").path("doc").has("_rev"))
                .toList();
    }

    /** The rules of the app's grant, by title, as its token sees them. */
    private Map<String, JsonNode> granted(String domain, String appToken) {
        Http.Response self = call("GET", publicUrl() + "/permissions/self", domain, appToken);
        assertThat(self.status()).as(self.body()).isEqualTo(200);
        Map<String, JsonNode> rules = new TreeMap<>();
        self.json()
                .path("data")
                .path("attributes")
                .path("permissions")
                .properties()
                .forEach(e -> rules.put(e.getKey(), e.getValue()));
        return rules;
    }
}
