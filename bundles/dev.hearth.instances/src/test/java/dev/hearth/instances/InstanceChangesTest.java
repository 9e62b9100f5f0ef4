package dev.hearth.instances;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceChangesTest {

    @Test
    void theBuilderSetsFieldsByName() {
        InstanceChanges c = InstanceChanges.builder()
                .locale("fr")
                .email("a@example.com")
                .publicName("Alice")
                .timezone("UTC")
                .contextName("ctx")
                .uuid("u")
                .diskQuota(7L)
                .blocked(true)
                .blockingReason("WHY")
                .onboardingFinished(false)
                .authMode("basic")
                .build();

        assertThat(c.locale()).isEqualTo("fr");
        assertThat(c.email()).isEqualTo("a@example.com");
        assertThat(c.publicName()).isEqualTo("Alice");
        assertThat(c.timezone()).isEqualTo("UTC");
        assertThat(c.contextName()).isEqualTo("ctx");
        assertThat(c.uuid()).isEqualTo("u");
        assertThat(c.diskQuota()).isEqualTo(7L);
        assertThat(c.blocked()).isTrue();
        assertThat(c.blockingReason()).isEqualTo("WHY");
        assertThat(c.onboardingFinished()).isFalse();
        assertThat(c.authMode()).isEqualTo("basic");
        assertThat(c.isEmpty()).isFalse();
        assertThat(c.toString()).contains("locale=fr").contains("blocked=true");
    }

    @Test
    void noneIsEmptyAndEqualToAnUntouchedBuilder() {
        assertThat(InstanceChanges.none().isEmpty()).isTrue();
        assertThat(InstanceChanges.builder().build())
                .isEqualTo(InstanceChanges.none())
                .hasSameHashCodeAs(InstanceChanges.none());
        assertThat(InstanceChanges.builder().blocked(false).build().isEmpty()).isFalse();
        assertThat(InstanceChanges.builder().locale("fr").build())
                .isEqualTo(InstanceChanges.builder().locale("fr").build())
                .isNotEqualTo(InstanceChanges.builder().locale("en").build());
    }
}
