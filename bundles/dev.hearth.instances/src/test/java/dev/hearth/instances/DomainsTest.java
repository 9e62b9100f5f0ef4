package dev.hearth.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice.localhost:8080",
                "localhost",
                "a.b.c.d",
                "x-y.example",
                "alice.localhost:1",
                "alice.localhost:65535",
                "123.example"
            })
    void acceptsValidDomains(String domain) {
        assertThat(Domains.normalize(domain)).isEqualTo(domain);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "alice..localhost",
                ".alice",
                "alice.",
                "-alice.localhost",
                "alice-.localhost",
                "al ice.localhost",
                "alice/../x",
                "alice.localhost:0",
                "alice.localhost:65536",
                "alice.localhost:",
                "alice.localhost:80a",
                "alice.localhost:8080:1",
                "alice_bob.localhost",
                ":8080",
                "alice.localhost:0080",
                "ali\u00e7e.localhost",
                "alice.localhost:\u0661\u0662"
            })
    void refusesIllegalDomains(String domain) {
        assertThatThrownBy(() -> Domains.normalize(domain)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.parameter()).isEqualTo("domain");
            assertThat(e.detail()).isEqualTo("Domain name contains illegal characters");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice.LocalHost:8080", "  alice.localhost:8080 "})
    void normalizesCaseAndSpaces(String domain) {
        assertThat(Domains.normalize(domain)).isEqualTo("alice.localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b"})
    void refusesOverlongDomains(String unused) {
        String label = "a".repeat(63);
        String longDomain = String.join(".", label, label, label, label);
        assertThatThrownBy(() -> Domains.normalize(longDomain)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Domains.normalize("a".repeat(64) + ".example")).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.localhost:8080"})
    void folderNameReplacesThePortColon(String domain) {
        assertThat(Domains.folderName(domain)).isEqualTo("alice.localhost_8080");
    }
}
