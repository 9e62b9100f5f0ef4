package dev.hearth.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.NewInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creation is all or nothing: listeners take their part before the instance becomes visible. */
class InstanceCreationTest {
    private static final String ALICE = "alice.localhost:8080";

    @TempDir
    Path data;

    private InstanceServiceImpl open() throws Exception {
        return new InstanceServiceImpl(TestConfigs.instances(data, "nested"));
    }

    @Test
    void listenersSeeTheRequestAndTheFolderBeforeTheInstanceIsVisible() throws Exception {
        InstanceServiceImpl service = open();
        List<String> seen = new ArrayList<>();
        service.addListener(new InstanceListener() {
            @Override
            public void instanceCreating(Instance instance, NewInstance request) {
                Path dir = service.directory(instance.domain());
                seen.add("creating folder=" + Files.isDirectory(dir) + " visible="
                        + service.find(instance.domain()).isPresent() + " passphrase=" + request.passphrase());
            }

            @Override
            public void instanceCreated(Instance instance) {
                seen.add("created visible=" + service.find(instance.domain()).isPresent());
            }
        });

        service.create(NewInstance.builder(ALICE).passphrase("my words").build());

        assertThat(seen)
                .containsExactly("creating folder=true visible=false passphrase=my words", "created visible=true");
    }

    @Test
    void aPassphraseEndsTheOnboardingAtOnce() throws Exception {
        InstanceServiceImpl service = open();
        Instance withPassphrase =
                service.create(NewInstance.builder(ALICE).passphrase("my words").build());
        Instance without = service.create(NewInstance.of("bob.localhost"));

        assertThat(withPassphrase.registerToken()).isNull();
        assertThat(withPassphrase.onboardingFinished()).isTrue();
        assertThat(without.registerToken()).hasSize(64);
        assertThat(without.onboardingFinished()).isFalse();
        assertThat(open().get(ALICE)).as("as persisted").isEqualTo(withPassphrase);
    }

    @Test
    void anExplicitOnboardingFinishedWins() throws Exception {
        InstanceServiceImpl service = open();
        Instance done = service.create(
                NewInstance.builder("a.localhost").onboardingFinished(true).build());
        Instance notDone = service.create(NewInstance.builder("b.localhost")
                .passphrase("words")
                .onboardingFinished(false)
                .build());

        assertThat(done.onboardingFinished()).isTrue();
        assertThat(done.registerToken())
                .as("no passphrase yet: the token still sets it")
                .isNotNull();
        assertThat(notDone.onboardingFinished()).isFalse();
        assertThat(notDone.registerToken()).isNull();
    }

    @Test
    void aListenerThatThrowsAbortsTheCreationAndLeavesNothing() throws Exception {
        InstanceServiceImpl service = open();
        List<String> told = new ArrayList<>();
        service.addListener(new InstanceListener() {
            @Override
            public void instanceCreating(Instance instance, NewInstance request) {
                Path file = service.directory(instance.domain()).resolve("written-by-listener");
                try {
                    Files.writeString(file, "x");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if ("bad".equals(request.passphrase())) {
                    throw ApiException.invalidParameter("Passphrase", "refused");
                }
            }

            @Override
            public void instanceCreated(Instance instance) {
                told.add("created " + instance.domain());
            }

            @Override
            public void instanceDestroying(Instance instance) {
                told.add("destroying " + instance.domain());
            }
        });

        assertThatThrownBy(() -> service.create(
                        NewInstance.builder(ALICE).passphrase("bad").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.parameter()).isEqualTo("Passphrase");
                });

        assertThat(told).containsExactly("destroying " + ALICE);
        assertThat(service.find(ALICE)).isEmpty();
        assertThat(service.count()).isZero();
        assertThatThrownBy(() -> service.directory(ALICE)).isInstanceOf(ApiException.class);
        try (Stream<Path> left = Files.list(data.resolve("instances"))) {
            assertThat(left.toList())
                    .as("no folder, not even one being deleted")
                    .isEmpty();
        }
        assertThat(open().count()).isZero();
        assertThat(service.create(NewInstance.builder(ALICE).passphrase("good").build())
                        .domain())
                .as("the domain is free again")
                .isEqualTo(ALICE);
    }

    @Test
    void aDomainBeingCreatedCannotBeCreatedTwice() throws Exception {
        InstanceServiceImpl service = open();
        List<Integer> statuses = new ArrayList<>();
        service.addListener(new InstanceListener() {
            @Override
            public void instanceCreating(Instance instance, NewInstance request) {
                if (request.passphrase() != null) {
                    try {
                        service.create(NewInstance.of(ALICE));
                    } catch (ApiException e) {
                        statuses.add(e.status());
                    }
                }
            }
        });
        service.create(NewInstance.builder(ALICE).passphrase("first").build());
        assertThat(statuses).containsExactly(409);
        assertThat(service.count()).isEqualTo(1);
    }

    @Test
    void anInvalidRequestReservesNothing() throws Exception {
        InstanceServiceImpl service = open();
        assertThatThrownBy(() ->
                        service.create(NewInstance.builder(ALICE).diskQuota(-1L).build()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(service.create(NewInstance.of(ALICE)).diskQuota()).isZero();
    }
}
