package dev.hearth.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import dev.hearth.instances.HostMatch;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.NewInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceServiceImplTest {
    @TempDir
    Path data;

    private InstanceServiceImpl open() throws Exception {
        return new InstanceServiceImpl(TestConfigs.instances(data, "nested"));
    }

    @Test
    void createsAnInstanceAsAFolderWithOwnerOnlySecrets() throws Exception {
        InstanceServiceImpl service = open();
        Instance alice = service.create(NewInstance.builder("Alice.localhost:8080")
                .locale("fr")
                .email("alice@example.com")
                .publicName("Alice")
                .diskQuota(1_000_000L)
                .build());

        assertThat(alice.domain()).isEqualTo("alice.localhost:8080");
        assertThat(alice.locale()).isEqualTo("fr");
        assertThat(alice.contextName()).isEqualTo("default");
        assertThat(alice.registerToken()).hasSize(64);
        assertThat(alice.onboardingFinished()).isFalse();
        Path dir = data.resolve("instances/alice.localhost_8080");
        assertThat(service.directory("alice.localhost:8080")).isEqualTo(dir);
        assertThat(dir.resolve("instance.json")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets.json"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("instance.json"))).doesNotContain("secret");
    }

    @Test
    void reloadsInstancesAndSecretsFromDisk() throws Exception {
        InstanceServiceImpl first = open();
        Instance alice = first.create(NewInstance.of("alice.localhost:8080"));
        byte[] cliKey = first.secrets("alice.localhost:8080").cli();

        InstanceServiceImpl second = open();
        assertThat(second.get("alice.localhost:8080")).isEqualTo(alice);
        assertThat(second.secrets("alice.localhost:8080").cli()).isEqualTo(cliKey);
        assertThat(second.count()).isEqualTo(1);
    }

    @Test
    void secretsDifferPerInstanceAndPerAudienceFamily() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.of("a.localhost"));
        service.create(NewInstance.of("b.localhost"));
        var a = service.secrets("a.localhost");
        var b = service.secrets("b.localhost");
        assertThat(a.cli()).isNotEqualTo(b.cli()).isNotEqualTo(a.oauth()).isNotEqualTo(a.session());
        assertThat(a.cli()).hasSize(64);
    }

    @Test
    void refusesDuplicatesAndIllegalDomains() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.of("alice.localhost"));
        assertThatThrownBy(() -> service.create(NewInstance.of("ALICE.localhost")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.detail()).isEqualTo("Instance already exists");
                });
        assertThatThrownBy(() -> service.create(NewInstance.of("../etc")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(service.count()).isEqualTo(1);
        assertThat(Files.list(data.resolve("instances")).toList()).hasSize(1);
    }

    @Test
    void modifiesOnlyTheGivenFieldsAndPersists() throws Exception {
        InstanceServiceImpl service = open();
        Instance alice = service.create(NewInstance.builder("alice.localhost")
                .locale("en")
                .email("a@example.com")
                .build());
        Instance changed = service.modify(
                "alice.localhost",
                InstanceChanges.builder()
                        .locale("fr")
                        .publicName("Alice")
                        .diskQuota(42L)
                        .blocked(true)
                        .blockingReason("PAYMENT_FAILED")
                        .build());

        assertThat(changed.locale()).isEqualTo("fr");
        assertThat(changed.email()).isEqualTo("a@example.com");
        assertThat(changed.publicName()).isEqualTo("Alice");
        assertThat(changed.diskQuota()).isEqualTo(42L);
        assertThat(changed.blocked()).isTrue();
        assertThat(changed.id()).isEqualTo(alice.id());
        assertThat(open().get("alice.localhost")).isEqualTo(changed);
        assertThatThrownBy(() -> service.modify(
                        "alice.localhost",
                        InstanceChanges.builder().diskQuota(-1L).build()))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> service.modify("nobody.localhost", InstanceChanges.none()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void destroyHidesTheInstanceThenTellsListenersThenRemovesTheFolder() throws Exception {
        InstanceServiceImpl service = open();
        List<String> events = new ArrayList<>();
        service.addListener(new InstanceListener() {
            @Override
            public void instanceCreated(Instance instance) {
                events.add("created " + instance.domain());
            }

            @Override
            public void instanceDestroying(Instance instance) {
                events.add("destroying " + instance.domain() + " folder="
                        + Files.exists(data.resolve("instances/alice.localhost")) + " visible="
                        + service.find("alice.localhost").isPresent() + " host="
                        + service.resolveHost("alice.localhost").isPresent());
                assertThatThrownBy(() -> service.create(NewInstance.of("alice.localhost")))
                        .as("the same domain cannot come back before its folder is gone")
                        .isInstanceOfSatisfying(
                                ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
                assertThatThrownBy(() -> service.modify(
                                "alice.localhost",
                                InstanceChanges.builder().locale("fr").build()))
                        .isInstanceOfSatisfying(
                                ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            }
        });
        service.create(NewInstance.of("alice.localhost"));
        service.destroy("alice.localhost");

        assertThat(events)
                .containsExactly(
                        "created alice.localhost", "destroying alice.localhost folder=true visible=false host=false");
        assertThat(service.find("alice.localhost")).isEmpty();
        assertThat(Files.list(data.resolve("instances")).toList()).isEmpty();
        assertThat(open().count()).isZero();
        assertThatThrownBy(() -> service.destroy("alice.localhost")).isInstanceOf(ApiException.class);
        assertThat(service.create(NewInstance.of("alice.localhost")).domain())
                .as("once destroyed, the domain can be created again")
                .isEqualTo("alice.localhost");
    }

    @Test
    void skipsHalfCreatedFoldersAndFinishesInterruptedDeletes() throws Exception {
        Files.createDirectories(data.resolve("instances/ghost.localhost"));
        Files.createDirectories(data.resolve("instances/.deleting-old.localhost-1/sub"));
        InstanceServiceImpl service = open();
        assertThat(service.count()).isZero();
        assertThat(data.resolve("instances/.deleting-old.localhost-1")).doesNotExist();
    }

    @Test
    void resolvesHostsThroughTheRegistry() throws Exception {
        InstanceServiceImpl service = open();
        Instance alice = service.create(NewInstance.of("alice.localhost:8080"));
        assertThat(service.resolveHost("drive.alice.localhost:8080")).contains(new HostMatch(alice, "drive"));
        assertThat(service.resolveHost("alice.localhost:8080")).contains(new HostMatch(alice, null));
        assertThat(service.resolveHost("unknown.localhost:8080")).isEmpty();
    }

    @Test
    void finishingRegistrationClearsTheRegisterToken() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.of("alice.localhost"));
        Instance done = service.finishRegistration("alice.localhost");
        assertThat(done.registerToken()).isNull();
        assertThat(done.onboardingFinished()).isTrue();
    }
}
