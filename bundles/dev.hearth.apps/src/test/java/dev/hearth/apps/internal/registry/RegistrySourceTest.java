package dev.hearth.apps.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.apps.internal.registry.RegistryVersions.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forms of registry:// sources cozy-stack accepts. */
class RegistrySourceTest {

    @Test
    void aSlugAloneIsTheLatestStable() {
        assertThat(RegistrySource.parse("registry://notes"))
                .contains(new RegistrySource("notes", Channel.STABLE, null));
        assertThat(RegistrySource.parse("registry://notes").orElseThrow().path())
                .isEqualTo(List.of("notes", "stable", "latest"));
    }

    @Test
    void aChannelOrAVersionMayFollow() {
        assertThat(RegistrySource.parse("registry://notes/beta"))
                .contains(new RegistrySource("notes", Channel.BETA, null));
        assertThat(RegistrySource.parse("registry://notes/dev/latest"))
                .contains(new RegistrySource("notes", Channel.DEV, null));
        assertThat(RegistrySource.parse("registry://notes/1.2.3-beta.1"))
                .contains(new RegistrySource("notes", Channel.BETA, "1.2.3-beta.1"));
        assertThat(RegistrySource.parse("registry://notes/stable/1.2.3")
                        .orElseThrow()
                        .path())
                .isEqualTo(List.of("notes", "1.2.3"));
    }

    @Test
    void malformedSourcesAreRefused() {
        assertThat(RegistrySource.parse("registry://Notes")).isEmpty();
        assertThat(RegistrySource.parse("registry://notes/nightly")).isEmpty();
        assertThat(RegistrySource.parse("registry://notes/stable/1.0.0/x")).isEmpty();
        assertThat(RegistrySource.parse("registry://../etc")).isEmpty();
        assertThat(RegistrySource.parse("file:///notes")).isEmpty();
    }
}
