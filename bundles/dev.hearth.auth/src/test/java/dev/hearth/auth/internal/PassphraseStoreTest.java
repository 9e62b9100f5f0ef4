package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.auth.Passphrases;
import dev.hearth.common.error.ApiException;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.test.TestInstances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseStoreTest {
    @TempDir
    Path data;

    @Test
    void pbkdf2MatchesTheRfc7914Vector() {
        byte[] key = Pbkdf2.sha256(
                "passwd".getBytes(StandardCharsets.US_ASCII), "salt".getBytes(StandardCharsets.US_ASCII), 1);
        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        byte[] slow = Pbkdf2.sha256(
                "Password".getBytes(StandardCharsets.US_ASCII), "NaCl".getBytes(StandardCharsets.US_ASCII), 80000);
        assertThat(HexFormat.of().formatHex(slow))
                .isEqualTo("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    }

    @Test
    void theClientSideHashSaltsWithTheDomainWithoutPort() {
        String a = PassphraseStore.clientSideHash("cozy", "alice.localhost", 50_000);
        assertThat(a).isEqualTo(PassphraseStore.clientSideHash("cozy", "alice.localhost", 50_000));
        assertThat(a).isNotEqualTo(PassphraseStore.clientSideHash("cozy", "bob.localhost", 50_000));
        assertThat(Base64.getDecoder().decode(a)).hasSize(32);
    }

    @Test
    void storesOnlyAScryptHash() throws Exception {
        InstanceService instances = TestInstances.in(data);
        instances.create(NewInstance.of("alice.localhost:8080"));
        PassphraseStore store = new PassphraseStore(instances);
        assertThat(store.isDefined("alice.localhost:8080")).isFalse();

        store.setFromClearText("alice.localhost:8080", "my secret passphrase", 50_000);

        assertThat(store.isDefined("alice.localhost:8080")).isTrue();
        String file =
                Files.readString(instances.directory("alice.localhost:8080").resolve(PassphraseStore.FILE));
        assertThat(file).contains("\"iterations\":50000").contains("scrypt$").doesNotContain("my secret");
        assertThatThrownBy(() -> store.setFromClearText("alice.localhost:8080", "", 0))
                .isInstanceOf(ApiException.class)
                .hasMessage("Missing new passphrase");
        assertThatThrownBy(() -> store.setFromClearText("alice.localhost:8080", "x", 1000))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void onboardingUsesTheRegisterTokenOnceThenLoginAndChangeCheckTheHash() throws Exception {
        InstanceService instances = TestInstances.in(data);
        String domain = "bob.localhost:8080";
        String token = instances.create(NewInstance.of(domain)).registerToken();
        PassphraseStore store = new PassphraseStore(instances);
        String first = PassphraseStore.clientSideHash("first passphrase", "bob.localhost", 50_000);

        assertThatThrownBy(() -> store.register(domain, "wrong", first, 50_000, null))
                .isInstanceOf(ApiException.class)
                .hasMessage(PassphraseStore.INVALID_REGISTER_TOKEN);
        store.register(domain, token, first, 50_000, "the first one");
        assertThat(instances.get(domain).registerToken()).isNull();
        assertThat(instances.get(domain).onboardingFinished()).isTrue();
        assertThatThrownBy(() -> store.register(domain, token, first, 50_000, null))
                .as("a register token works once")
                .isInstanceOf(ApiException.class);

        assertThat(store.params(domain)).isEqualTo(new Passphrases.KdfParams("me@bob.localhost", 0, 50_000));
        assertThat(store.check(domain, first)).isTrue();
        assertThat(store.check(domain, first + "x")).isFalse();
        assertThat(store.check(domain, "")).isFalse();
        assertThat(store.hint(domain)).contains("the first one");

        String second = PassphraseStore.clientSideHash("second passphrase", "bob.localhost", 100_000);
        assertThatThrownBy(() -> store.change(domain, second, second, 100_000))
                .isInstanceOf(ApiException.class)
                .hasMessage(Passphrases.INVALID);
        store.change(domain, first, second, 100_000);
        assertThat(store.check(domain, first)).isFalse();
        assertThat(store.check(domain, second)).isTrue();
        assertThat(store.params(domain).iterations()).isEqualTo(100_000);
        assertThat(store.hint(domain)).as("the hint survives a change").contains("the first one");
        store.setHint(domain, null);
        assertThat(store.hint(domain)).isEmpty();
    }

    @Test
    void aPassphraseGivenAtCreationIsStoredBeforeTheInstanceAppears() throws Exception {
        InstanceServiceImpl instances = TestInstances.in(data);
        PassphraseStore store = new PassphraseStore(instances);
        instances.addListener(store);

        Instance created = instances.create(NewInstance.builder("alice.localhost:8080")
                .passphrase("my words")
                .kdfIterations(50_000)
                .build());

        assertThat(created.registerToken()).isNull();
        assertThat(created.onboardingFinished()).isTrue();
        assertThat(store.check(
                        "alice.localhost:8080", PassphraseStore.clientSideHash("my words", "alice.localhost", 50_000)))
                .isTrue();
        assertThat(store.params("alice.localhost:8080").iterations()).isEqualTo(50_000);
        Instance plain = instances.create(NewInstance.of("bob.localhost"));
        assertThat(store.isDefined(plain.domain()))
                .as("no passphrase asked, none set")
                .isFalse();
        assertThat(plain.registerToken()).isNotNull();
    }

    @Test
    void aRefusedPassphraseLeavesNoInstance() throws Exception {
        InstanceServiceImpl instances = TestInstances.in(data);
        instances.addListener(new PassphraseStore(instances));

        assertThatThrownBy(() -> instances.create(
                        NewInstance.builder("alice.localhost").passphrase("").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.parameter()).isEqualTo("Passphrase");
                    assertThat(e.detail()).isEqualTo("Missing new passphrase");
                });
        assertThatThrownBy(() -> instances.create(NewInstance.builder("alice.localhost")
                        .passphrase("words")
                        .kdfIterations(1000)
                        .build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.parameter()).isEqualTo("KdfIterations");
                });

        assertThat(instances.find("alice.localhost")).isEmpty();
        try (Stream<Path> folders = Files.list(data.resolve("instances"))) {
            assertThat(folders.toList()).isEmpty();
        }
        assertThat(TestInstances.in(data).count()).isZero();
    }
}
