package dev.hearth.jobs.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRecordTest {
    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private SweepRecord at(Instant now) {
        return new SweepRecord(dir.resolve("trash-sweep"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFirstStartWaitsOneIntervalAndRecordsItsStart() {
        assertThat(at(T0).untilNext(DAY)).isEqualTo(DAY);
        assertThat(at(T0.plusSeconds(60)).last()).isEqualTo(T0);
    }

    @Test
    void aRestartKeepsTheRhythmOfTheLastSweep() {
        at(T0).swept();
        // restarted 10 hours after the sweep: the next one comes 14 hours later, not 24
        assertThat(at(T0.plus(Duration.ofHours(10))).untilNext(DAY)).isEqualTo(Duration.ofHours(14));
        // down for two days: one sweep at once
        assertThat(at(T0.plus(Duration.ofDays(2))).untilNext(DAY)).isZero();
        at(T0.plus(Duration.ofDays(2))).swept();
        assertThat(at(T0.plus(Duration.ofDays(2)).plusSeconds(1)).untilNext(DAY))
                .isEqualTo(DAY.minusSeconds(1));
    }

    @Test
    void aClockSetBackOrAnUnreadableRecordWaitsOneIntervalAtMost() throws Exception {
        at(T0).swept();
        assertThat(at(T0.minus(Duration.ofDays(3))).untilNext(DAY)).isEqualTo(DAY);
        Files.writeString(dir.resolve("trash-sweep"), "garbage");
        assertThat(at(T0).untilNext(DAY)).isEqualTo(DAY);
        assertThat(at(T0).last()).isEqualTo(T0);
    }
}
