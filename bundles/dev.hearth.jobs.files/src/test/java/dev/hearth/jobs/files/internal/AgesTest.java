package dev.hearth.jobs.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgesTest {

    @Test
    void agesAreSumsOfDaysHoursMinutesAndSeconds() {
        assertThat(Ages.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Ages.parse("720h")).isEqualTo(Duration.ofDays(30));
        assertThat(Ages.parse("1d12h30m5s")).isEqualTo(Duration.parse("PT36H30M5S"));
        assertThat(Ages.parse(" 0s ")).isZero();
        assertThat(Ages.parseOrNull("  ")).isNull();
    }

    @Test
    void anythingElseIsRefusedWithTheText() {
        for (String bad : new String[] {"", "soon", "30", "d30", "1x", "1h soon", "-1h"}) {
            assertThatThrownBy(() -> Ages.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Ages.parse("1h soon")).hasMessageContaining("1h soon");
    }
}
