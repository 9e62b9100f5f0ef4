package dev.hearth.jobs.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoSyntax() {
        assertThat(GoDuration.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("30m10s")).isEqualTo(Duration.ofSeconds(1810));
        assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoDuration.parse("3us")).isEqualTo(Duration.ofNanos(3000));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void errorsNameThePart() {
        assertThatThrownBy(() -> GoDuration.parse("10")).hasMessageContaining("missing unit");
        assertThatThrownBy(() -> GoDuration.parse("10d")).hasMessageContaining("unknown unit \"d\"");
        assertThatThrownBy(() -> GoDuration.parse("h")).hasMessageContaining("at \"h\"");
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> GoDuration.parse("99999999999h")).hasMessageContaining("too long");
    }
}
