package dev.hearth.apps.internal.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.AppHeaders;
import dev.hearth.apps.AppManifest;
import dev.hearth.apps.AppResource;
import dev.hearth.apps.AppType;
import dev.hearth.apps.DeployedApp;
import dev.hearth.apps.Intents;
import dev.hearth.apps.Intents.Intent;
import dev.hearth.apps.Intents.Request;
import dev.hearth.apps.Intents.Service;
import dev.hearth.apps.internal.FakeInstallations;
import dev.hearth.apps.internal.manifest.ManifestException;
import dev.hearth.apps.internal.manifest.ManifestParser;
import dev.hearth.common.error.ApiException;
import dev.hearth.datasystem.Documents;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import dev.hearth.test.TestInstances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intents over a real document store, with apps installed on the instance or only deployed. */
class IntentsImplTest {
    private static final String ALICE = "alice.localhost:8080";
    private static final Request PICK_FILE = new Request("pick", "io.cozy.files", List.of("GET"));

    @TempDir
    Path dir;

    private TestData data;
    private final FakeInstallations installations = new FakeInstallations();

    @AfterEach
    void close() {
        data.close();
    }

    private IntentsImpl intents(String subdomains) {
        data = TestData.over(TestInstances.in(dir, subdomains));
        data.instances().create(NewInstance.of(ALICE));
        IntentsImpl intents = new IntentsImpl(data.service(), installations, data.instances());
        deploy(intents, "contacts", "");
        deploy(intents, "drive", "{\"action\":\"PICK\",\"type\":[\"io.cozy.files\",\"image/*\"],\"href\":\"/pick\"}");
        deploy(intents, "photos", "{\"action\":\"OPEN\",\"type\":[\"image/*\"],\"href\":\"/#/open?x=1\"}");
        deploy(intents, "files", "{\"action\":\"PICK\",\"type\":[\"io.cozy.files\"],\"href\":\"/select\"}");
        installations
                .add(ALICE, AppType.WEBAPP, "photos")
                .add(ALICE, AppType.WEBAPP, "drive")
                .add(ALICE, AppType.WEBAPP, "contacts")
                .add(ALICE, AppType.KONNECTOR, "files")
                .add("bob.localhost:8080", AppType.WEBAPP, "files");
        return intents;
    }

    private static void deploy(IntentsImpl intents, String slug, String intent) {
        intents.addApp(app(slug, intent), Map.of(AppHeaders.TYPE, "webapp", AppHeaders.SLUG, slug));
    }

    private static DeployedApp app(String slug, String intent) {
        String manifest = "{\"slug\":\"" + slug + "\",\"version\":\"1.0.0\",\"intents\":[" + intent + "]}";
        try {
            AppManifest parsed = ManifestParser.parse(manifest.getBytes(StandardCharsets.UTF_8), AppType.WEBAPP);
            return new Deployed(parsed);
        } catch (ManifestException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record Deployed(AppManifest manifest) implements DeployedApp {
        @Override
        public long bundleId() {
            return 1;
        }

        @Override
        public Optional<AppResource> resource(String path) {
            return Optional.empty();
        }
    }

    @Test
    void theServicesAreTheInstalledWebappsThatOfferTheIntent() {
        Intent created = intents("nested").create(ALICE, "contacts", PICK_FILE, false);

        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.rev()).startsWith("1-");
        assertThat(created.client()).isEqualTo("io.cozy.apps/contacts");
        assertThat(created.clientOrigin()).isEqualTo("http://contacts.alice.localhost:8080");
        assertThat(created.services())
                .as("files is a konnector here, and a webapp of another instance")
                .containsExactly(new Service("drive", "http://drive.alice.localhost:8080/pick?intent=" + created.id()));

        ObjectNode stored =
                Documents.json(data.service().database(ALICE, Intents.DOCTYPE).get(created.id(), null, false));
        assertThat(stored.path("client").asText()).isEqualTo("io.cozy.apps/contacts");
        assertThat(stored.path("action").asText()).isEqualTo("pick");
        assertThat(stored.path("permissions").get(0).asText()).isEqualTo("GET");
        assertThat(stored.path("services").get(0).path("slug").asText()).isEqualTo("drive");
        assertThat(stored.has("availableApps")).isTrue();
        assertThat(stored.path("availableApps").isNull()).isTrue();
    }

    @Test
    void aMimeTypeFindsTheAppsOfItsMajorTypeInSlugOrderOnFlatHosts() {
        IntentsImpl intents = intents("flat");
        Intent picked = intents.create(ALICE, "contacts", new Request("PICK", "image/png", List.of()), true);
        assertThat(picked.services())
                .containsExactly(new Service("drive", "https://alice-drive.localhost:8080/pick?intent=" + picked.id()));
        Intent opened = intents.create(ALICE, "contacts", new Request("Open", "image/png", List.of()), true);
        assertThat(opened.services())
                .containsExactly(new Service(
                        "photos", "https://alice-photos.localhost:8080/?intent=" + opened.id() + "#/open?x=1"));
        assertThat(opened.clientOrigin()).isEqualTo("https://alice-contacts.localhost:8080");
        assertThat(intents.create(ALICE, "contacts", new Request("EDIT", "image/png", List.of()), true)
                        .services())
                .isEmpty();
    }

    @Test
    void onlyTheServicesReadAnIntentAndFrameItsClient() {
        IntentsImpl intents = intents("nested");
        Intent created = intents.create(ALICE, "contacts", PICK_FILE, false);

        Intent read = intents.get(ALICE, created.id(), "drive", true);
        assertThat(read)
                .isEqualTo(new Intent(
                        created.id(),
                        created.rev(),
                        "pick",
                        "io.cozy.files",
                        List.of("GET"),
                        "io.cozy.apps/contacts",
                        "https://contacts.alice.localhost:8080",
                        created.services()));
        assertThat(status(() -> intents.get(ALICE, created.id(), "contacts", false)))
                .as("the client itself is no service")
                .isEqualTo(403);
        assertThat(status(() -> intents.get(ALICE, created.id(), "photos", false)))
                .isEqualTo(403);
        assertThat(status(() -> intents.get(ALICE, "0123456789abcdef0123456789abcdef", "drive", false)))
                .isEqualTo(404);

        assertThat(intents.clientOrigin(ALICE, created.id(), "drive", false))
                .contains("http://contacts.alice.localhost:8080");
        assertThat(intents.clientOrigin(ALICE, created.id(), "photos", false)).isEmpty();
        assertThat(intents.clientOrigin(ALICE, "nope", "drive", false)).isEmpty();
        assertThat(intents.clientOrigin(ALICE, "_design/x", "drive", false)).isEmpty();
        assertThat(intents.clientOrigin(ALICE, "", "drive", false)).isEmpty();
    }

    @Test
    void anUnknownIntentIsNeitherReadNorFramedBeforeAnyExists() {
        IntentsImpl intents = intents("nested");
        assertThat(intents.clientOrigin(ALICE, "0123456789abcdef0123456789abcdef", "drive", false))
                .isEmpty();
        assertThat(status(() -> intents.get(ALICE, "0123456789abcdef0123456789abcdef", "drive", false)))
                .isEqualTo(404);
    }

    @Test
    void aRequestNeedsAnActionATypeAndAnInstalledClient() {
        IntentsImpl intents = intents("nested");
        assertThatThrownBy(() -> intents.create(ALICE, "contacts", new Request("", "io.cozy.files", List.of()), false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.detail()).isEqualTo("Action is missing");
                    assertThat(e.pointer()).isEqualTo("/data/attributes/action");
                });
        assertThatThrownBy(() -> intents.create(ALICE, "contacts", new Request("PICK", "", List.of()), false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.detail()).isEqualTo("Type is missing");
                    assertThat(e.pointer()).isEqualTo("/data/attributes/type");
                });
        assertThat(status(() -> intents.create(ALICE, "notes", PICK_FILE, false)))
                .as("an app token for an app that is not installed")
                .isEqualTo(403);
        assertThat(status(() -> intents.create(ALICE, "files", PICK_FILE, false)))
                .as("a konnector is no client")
                .isEqualTo(403);
    }

    @Test
    void anAppThatLeavesServesNoMoreIntents() {
        IntentsImpl intents = intents("nested");
        DeployedApp newer = app("drive", "{\"action\":\"PICK\",\"type\":[\"io.cozy.files\"],\"href\":\"/v2\"}");
        intents.addApp(newer, Map.of(AppHeaders.TYPE, "webapp"));
        Intent created = intents.create(ALICE, "contacts", PICK_FILE, false);
        assertThat(created.services())
                .extracting(Service::href)
                .containsExactly("http://drive.alice.localhost:8080/v2?intent=" + created.id());

        intents.removeApp(newer);
        assertThat(intents.create(ALICE, "contacts", PICK_FILE, false).services())
                .isEmpty();
        intents.addApp(app("drive", ""), Map.of(AppHeaders.TYPE, "konnector"));
        assertThat(intents.create(ALICE, "contacts", PICK_FILE, false).services())
                .isEmpty();
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }
}
