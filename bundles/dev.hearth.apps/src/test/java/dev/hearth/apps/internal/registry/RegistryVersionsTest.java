package dev.hearth.apps.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.internal.registry.RegistryVersions.Channel;
import dev.hearth.apps.internal.registry.RegistryVersions.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channels and their orders, as cozy-apps-registry finds the latest version of each. */
class RegistryVersionsTest {
    private static final List<Entry> ALL = List.of(
            new Entry("1.0.0", 10),
            new Entry("1.1.0-beta.2", 20),
            new Entry("1.1.0-beta.10", 30),
            new Entry("1.1.0-dev.abc", 50),
            new Entry("1.1.0-dev.def", 40),
            new Entry("0.9.9", 60));

    @Test
    void theVersionSuffixGivesTheChannel() {
        assertThat(RegistryVersions.channel("1.2.3")).isEqualTo(Channel.STABLE);
        assertThat(RegistryVersions.channel("1.2.3-beta.1")).isEqualTo(Channel.BETA);
        assertThat(RegistryVersions.channel("1.2.3-dev.d546827")).isEqualTo(Channel.DEV);
    }

    @Test
    void onlyWhatTheRegistryAcceptsIsValid() {
        assertThat(RegistryVersions.isValid("1.2.3")).isTrue();
        assertThat(RegistryVersions.isValid("1.2.3-dev.d5468271796594484783")).isTrue();
        assertThat(RegistryVersions.isValid("1.2.3-beta.4")).isTrue();
        assertThat(RegistryVersions.isValid("01.2.3")).isFalse();
        assertThat(RegistryVersions.isValid("1.2")).isFalse();
        assertThat(RegistryVersions.isValid("1.2.3-dev.XYZ")).isFalse();
        assertThat(RegistryVersions.isValid("123456.0.0")).isFalse();
    }

    @Test
    void eachChannelHasItsLatest() {
        assertThat(latest(Channel.STABLE)).isEqualTo("1.0.0");
        assertThat(latest(Channel.BETA)).as("beta numbers, not text").isEqualTo("1.1.0-beta.10");
        assertThat(latest(Channel.DEV)).as("dev builds by creation time").isEqualTo("1.1.0-dev.abc");
    }

    @Test
    void aStableVersionComesAfterItsPrereleases() {
        List<Entry> withStable = new java.util.ArrayList<>(ALL);
        withStable.add(new Entry("1.1.0", 1));
        assertThat(withStable.stream()
                        .filter(e -> Channel.BETA.includes(RegistryVersions.channel(e.version())))
                        .max(RegistryVersions.order(Channel.BETA))
                        .orElseThrow()
                        .version())
                .isEqualTo("1.1.0");
        assertThat(withStable.stream()
                        .max(RegistryVersions.order(Channel.DEV))
                        .orElseThrow()
                        .version())
                .isEqualTo("1.1.0");
    }

    private static String latest(Channel channel) {
        return ALL.stream()
                .filter(e -> channel.includes(RegistryVersions.channel(e.version())))
                .max(RegistryVersions.order(channel))
                .orElseThrow()
                .version();
    }
}
