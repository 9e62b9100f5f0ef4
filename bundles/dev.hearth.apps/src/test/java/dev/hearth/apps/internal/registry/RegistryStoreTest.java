package dev.hearth.apps.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.internal.registry.RegistryVersions.Channel;
import dev.hearth.apps.registry.RegistryAnswer;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.instances.InstanceService;
import dev.hearth.test.Configs;
import dev.hearth.test.TestInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to Hearth's registry and reading it back as cozy-apps-registry answers. */
class RegistryStoreTest {
    @TempDir
    Path dir;

    private Downloads downloads;
    private RegistryStore store;

    @BeforeEach
    void open() {
        InstanceService instances = TestInstances.in(dir.resolve("data"));
        downloads = new Downloads(instances, Configs.defaults(RegistriesConfig.class));
        store = new RegistryStore(instances, downloads);
    }

    @AfterEach
    void close() {
        downloads.deactivate();
    }

    @Test
    void theOperatorPublishesAFileAndTheRegistryServesIt() throws Exception {
        Path tarball = TestTarGz.webapp("notes", "1.0.0", "hearth").writeTo(dir.resolve("notes.tar.gz"));
        ObjectNode version = store.publish(null, "notes", body("1.0.0", tarball, "hearth"), "http://reg.test");
        assertThat(version.path("url").asText()).isEqualTo("http://reg.test/registry/notes/1.0.0/tarball/notes.tar.gz");
        assertThat(version.path("size").isTextual()).isTrue();
        assertThat(version.path("sha256").asText()).isEqualTo(FetcherTest.sha256(Files.readAllBytes(tarball)));

        RegistryAnswer app = store.get(List.of("notes"), Map.of(), "http://reg.test");
        ObjectNode json = Json.parseObject(app.body());
        assertThat(json.path("editor").asText()).isEqualTo("hearth");
        assertThat(json.path("versions").path("stable").get(0).asText()).isEqualTo("1.0.0");
        assertThat(json.path("latest_version").path("version").asText()).isEqualTo("1.0.0");
        RegistryAnswer icon = store.get(List.of("notes", "icon"), Map.of(), "http://reg.test");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(new String(icon.body())).isEqualTo("<svg/>");
        assertThat(store.tarball("notes", "1.0.0"))
                .hasValueSatisfying(f -> assertThat(f).hasSameBinaryContentAs(tarball));
    }

    @Test
    void channelsGiveTheirLatest() throws Exception {
        publish("1.0.0");
        publish("1.1.0-beta.1");
        publish("1.1.0-dev.abc");
        assertThat(store.latest("notes", Channel.STABLE)
                        .orElseThrow()
                        .path("version")
                        .asText())
                .isEqualTo("1.0.0");
        assertThat(store.latest("notes", Channel.BETA)
                        .orElseThrow()
                        .path("version")
                        .asText())
                .isEqualTo("1.1.0-beta.1");
        assertThat(store.latest("notes", Channel.DEV)
                        .orElseThrow()
                        .path("version")
                        .asText())
                .isEqualTo("1.1.0-dev.abc");
        ObjectNode versions = Json.parseObject(
                store.get(List.of("notes", "versions"), Map.of(), "http://x").body());
        assertThat(versions.path("dev")).hasSize(3);
        assertThat(versions.path("stable")).hasSize(1);
    }

    @Test
    void editorsPublishOnlyTheirOwnAppsAndBadVersionsAreRefused() throws Exception {
        String token = store.addEditor("alice");
        assertThat(store.editorOf(token)).contains("alice");
        assertThat(store.editorOf("nope")).isEmpty();
        publish("1.0.0");
        Path tarball = TestTarGz.webapp("notes", "2.0.0", "alice").writeTo(dir.resolve("other.tar.gz"));
        assertThatThrownBy(() -> store.publish("alice", "notes", body("2.0.0", tarball, "alice"), "http://x"))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> publish("1.0.0"))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> store.publish(null, "notes", body("2.0", tarball, "x"), "http://x"))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(400));
        ObjectNode wrongSha = body("2.0.0", tarball, "hearth");
        wrongSha.put("sha256", "0".repeat(64));
        assertThatThrownBy(() -> store.publish(null, "notes", wrongSha, "http://x"))
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> store.publish(null, "other", body("2.0.0", tarball, "hearth"), "http://x"))
                .as("the manifest names another slug")
                .isInstanceOfSatisfying(
                        StatusException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(store.slugs()).containsExactly("notes");
        assertThat(store.versions("notes", Channel.DEV).path("dev")).hasSize(1);
        try (var left = Files.list(dir.resolve("data/registry"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes");
        }
    }

    private void publish(String version) throws Exception {
        Path tarball = TestTarGz.webapp("notes", version, "hearth").writeTo(dir.resolve(version + ".tar.gz"));
        store.publish(null, "notes", body(version, tarball, "hearth"), "http://x");
    }

    private static ObjectNode body(String version, Path tarball, String editor) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("version", version);
        body.put("url", tarball.toUri().toString());
        body.put("sha256", FetcherTest.sha256(Files.readAllBytes(tarball)));
        body.put("editor", editor);
        return body;
    }
}
