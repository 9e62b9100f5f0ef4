package dev.hearth.instances;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NewInstanceTest {

    @Test
    void theBuilderSetsFieldsByName() {
        NewInstance request = NewInstance.builder("alice.localhost")
                .locale("fr")
                .email("a@example.com")
                .publicName("Alice")
                .timezone("Europe/Paris")
                .contextName("ctx")
                .uuid("u-1")
                .diskQuota(42L)
                .onboardingFinished(true)
                .passphrase("secret words")
                .kdfIterations(100_000)
                .build();

        assertThat(request.domain()).isEqualTo("alice.localhost");
        assertThat(request.locale()).isEqualTo("fr");
        assertThat(request.email()).isEqualTo("a@example.com");
        assertThat(request.publicName()).isEqualTo("Alice");
        assertThat(request.timezone()).isEqualTo("Europe/Paris");
        assertThat(request.contextName()).isEqualTo("ctx");
        assertThat(request.uuid()).isEqualTo("u-1");
        assertThat(request.diskQuota()).isEqualTo(42L);
        assertThat(request.onboardingFinished()).isTrue();
        assertThat(request.passphrase()).isEqualTo("secret words");
        assertThat(request.kdfIterations()).isEqualTo(100_000);
    }

    @Test
    void ofLeavesEverythingButTheDomainUnset() {
        NewInstance request = NewInstance.of("bob.localhost");
        assertThat(request.locale()).isNull();
        assertThat(request.diskQuota()).isNull();
        assertThat(request.onboardingFinished()).isNull();
        assertThat(request.passphrase()).isNull();
        assertThat(request.kdfIterations()).isZero();
        assertThat(request)
                .isEqualTo(NewInstance.builder("bob.localhost").build())
                .hasSameHashCodeAs(NewInstance.builder("bob.localhost").build());
    }

    @Test
    void equalityCoversEveryField() {
        NewInstance base = NewInstance.builder("a.localhost").passphrase("x").build();
        assertThat(base)
                .isNotEqualTo(NewInstance.builder("a.localhost").passphrase("y").build());
        assertThat(base)
                .isNotEqualTo(NewInstance.builder("a.localhost")
                        .passphrase("x")
                        .kdfIterations(1)
                        .build());
        assertThat(base)
                .isNotEqualTo(NewInstance.builder("b.localhost").passphrase("x").build());
        assertThat(base)
                .isEqualTo(NewInstance.builder("a.localhost").passphrase("x").build());
    }

    @Test
    void toStringNeverShowsThePassphrase() {
        String text = NewInstance.builder("alice.localhost")
                .email("a@example.com")
                .passphrase("correct horse")
                .build()
                .toString();
        assertThat(text)
                .contains("alice.localhost")
                .contains("a@example.com")
                .contains("passphrase=(set)")
                .doesNotContain("correct horse");
        assertThat(NewInstance.of("alice.localhost").toString()).contains("passphrase=null");
    }
}
