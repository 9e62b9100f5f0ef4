package dev.hearth.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubdomainModeTest {

    @Test
    void formsAppHosts() {
        assertThat(SubdomainMode.NESTED.appHost("alice.localhost:8080", "drive"))
                .isEqualTo("drive.alice.localhost:8080");
        assertThat(SubdomainMode.FLAT.appHost("alice.localhost:8080", "drive")).isEqualTo("alice-drive.localhost:8080");
        assertThat(SubdomainMode.FLAT.appHost("localhost:8080", "drive")).isEqualTo("localhost:8080-drive");
    }

    @Test
    void parsesModes() {
        assertThat(SubdomainMode.parse(" Nested ")).isEqualTo(SubdomainMode.NESTED);
        assertThat(SubdomainMode.parse("flat")).isEqualTo(SubdomainMode.FLAT);
        assertThatThrownBy(() -> SubdomainMode.parse("deep")).hasMessageContaining("'nested' or 'flat'");
    }
}
