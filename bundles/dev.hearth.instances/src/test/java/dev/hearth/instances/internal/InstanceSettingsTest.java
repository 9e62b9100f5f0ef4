package dev.hearth.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceChanges;
import dev.hearth.instances.InstanceSettings;
import dev.hearth.instances.NewInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings document lives in the instance's record: one source of truth, one write per update. */
class InstanceSettingsTest {
    private static final String ALICE = "alice.localhost";

    @TempDir
    Path data;

    private InstanceServiceImpl open() throws Exception {
        return new InstanceServiceImpl(TestConfigs.instances(data, "nested"));
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.mapper().readTree(text);
    }

    @Test
    void aNewInstanceHasItsFieldsAsSettingsWithAFirstRevision() throws Exception {
        InstanceServiceImpl service = open();
        service.create(
                NewInstance.builder(ALICE).locale("fr").email("a@example.com").build());

        InstanceSettings settings = service.settings(ALICE);
        assertThat(settings.rev()).matches("1-[0-9a-f]{32}");
        assertThat(settings.attributes()).isEqualTo(json("{\"locale\":\"fr\",\"email\":\"a@example.com\"}"));
        assertThat(service.settings("ALICE.localhost"))
                .as("reading changes nothing")
                .isEqualTo(settings);
    }

    @Test
    void anUpdateSetsTheInstanceFieldsKeepsOtherAttributesAndIgnoresComputedOnes() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.builder(ALICE)
                .email("old@example.com")
                .timezone("UTC")
                .build());
        String rev = service.settings(ALICE).rev();

        InstanceSettings updated = service.updateSettings(ALICE, rev, json("""
                {"locale":"fr","public_name":"Alice","tracking":false,"theme":{"dark":true},
                 "password_defined":false,"onboarding_finished":true,"uuid":"x","context":"evil",
                 "auth_mode":"none","default_redirection":"evil/","_rev":"9-x"}"""));

        assertThat(updated.rev()).startsWith("2-").isNotEqualTo(rev);
        assertThat(updated.attributes()).isEqualTo(json("""
                {"locale":"fr","public_name":"Alice","tracking":false,"theme":{"dark":true}}"""));
        Instance alice = service.get(ALICE);
        assertThat(alice.locale()).isEqualTo("fr");
        assertThat(alice.publicName()).isEqualTo("Alice");
        assertThat(alice.email()).as("a replace: left out is cleared").isNull();
        assertThat(alice.timezone()).isNull();
        assertThat(alice.onboardingFinished()).isFalse();
        assertThat(alice.uuid()).isNull();
        assertThat(alice.contextName()).isEqualTo("default");
        assertThat(open().settings(ALICE)).as("persisted").isEqualTo(updated);
    }

    @Test
    void aMissingLocaleKeepsTheCurrentOneAndNonTextFieldsAreRefused() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.builder(ALICE).locale("de").build());
        String rev = service.settings(ALICE).rev();
        assertThatThrownBy(() -> service.updateSettings(ALICE, rev, json("{\"email\":42}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.pointer()).isEqualTo("/data/attributes/email");
                });
        assertThat(service.settings(ALICE).rev())
                .as("a refused update changes nothing")
                .isEqualTo(rev);

        service.updateSettings(ALICE, rev, json("{\"email\":\"a@example.com\"}"));
        assertThat(service.get(ALICE).locale()).isEqualTo("de");
    }

    @Test
    void aStaleOrWrongRevisionIsAConflict() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.of(ALICE));
        String first = service.settings(ALICE).rev();
        service.updateSettings(ALICE, first, json("{\"public_name\":\"A\"}"));

        for (String rev : new String[] {first, "2-0000", "", "garbage"}) {
            assertThatThrownBy(() -> service.updateSettings(ALICE, rev, json("{\"public_name\":\"B\"}")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.detail()).isEqualTo("Document update conflict");
                    });
        }
        assertThat(service.get(ALICE).publicName()).isEqualTo("A");
        assertThatThrownBy(() -> service.settings("nobody.localhost"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void modifyingASettingsFieldGivesANewRevisionOtherChangesDoNot() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.of(ALICE));
        String first = service.settings(ALICE).rev();

        service.modify(
                ALICE, InstanceChanges.builder().blocked(true).diskQuota(5L).build());
        service.finishRegistration(ALICE);
        assertThat(service.settings(ALICE).rev()).isEqualTo(first);

        service.modify(ALICE, InstanceChanges.builder().timezone("Europe/Paris").build());
        InstanceSettings after = service.settings(ALICE);
        assertThat(after.rev()).startsWith("2-");
        assertThat(after.attributes().path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThatThrownBy(() -> service.updateSettings(ALICE, first, json("{}")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void recordsWrittenBeforeSettingsExistedStillLoadWithAStableRevision() throws Exception {
        Path dir = Files.createDirectories(data.resolve("instances/old.localhost"));
        Files.writeString(dir.resolve("instance.json"), """
                {"id":"0123456789abcdef0123456789abcdef","domain":"old.localhost","locale":"en",
                 "email":"old@example.com","context":"default","onboarding_finished":true,"disk_quota":0,
                 "blocked":false,"auth_mode":"basic","created_at":"2026-01-01T00:00:00Z"}""");

        InstanceSettings settings = open().settings("old.localhost");
        assertThat(settings.rev()).startsWith("1-");
        assertThat(settings.attributes()).isEqualTo(json("{\"locale\":\"en\",\"email\":\"old@example.com\"}"));
        assertThat(open().settings("old.localhost").rev())
                .as("same at every start")
                .isEqualTo(settings.rev());
    }

    @Test
    void theSettingsAreACopy() throws Exception {
        InstanceServiceImpl service = open();
        service.create(NewInstance.of(ALICE));
        InstanceSettings settings = service.settings(ALICE);
        settings.attributes().put("locale", "xx");
        assertThat(service.settings(ALICE).attributes().path("locale").asText()).isEqualTo("en");
    }

    @Test
    void concurrentUpdatesFromTheSameReadLetExactlyOneWin() throws Exception {
        InstanceServiceImpl service = open();
        int threads = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String domain = "r" + round + ".localhost";
                service.create(NewInstance.of(domain));
                CyclicBarrier readTogether = new CyclicBarrier(threads);
                CyclicBarrier writeTogether = new CyclicBarrier(threads);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String name = "writer" + t;
                    Callable<String> task = () -> {
                        readTogether.await(10, TimeUnit.SECONDS);
                        String rev = service.settings(domain).rev();
                        writeTogether.await(10, TimeUnit.SECONDS);
                        try {
                            service.updateSettings(domain, rev, json("{\"public_name\":\"" + name + "\"}"));
                            return "ok " + name;
                        } catch (ApiException e) {
                            return "status " + e.status();
                        }
                    };
                    outcomes.add(pool.submit(task));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(20, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(r -> r.startsWith("ok ")).hasSize(1);
                assertThat(results).filteredOn(r -> r.equals("status 409")).hasSize(1);
                String winner = results.stream()
                        .filter(r -> r.startsWith("ok "))
                        .findFirst()
                        .orElseThrow()
                        .substring(3);
                assertThat(service.settings(domain).rev()).startsWith("2-");
                assertThat(service.get(domain).publicName()).isEqualTo(winner);
                assertThat(open().get(domain).publicName())
                        .as("the winner is what is on disk")
                        .isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
