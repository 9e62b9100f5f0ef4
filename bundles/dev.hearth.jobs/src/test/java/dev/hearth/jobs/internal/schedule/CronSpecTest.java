package dev.hearth.jobs.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronSpecTest {

    private static Instant next(String spec, String after) {
        return CronSpec.parse(spec).next(Instant.parse(after));
    }

    @Test
    void everySecondIsStrictlyAfter() {
        assertThat(next("* * * * * *", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(next("* * * * * *", "2026-01-01T00:00:00.500Z")).isEqualTo("2026-01-01T00:00:01Z");
    }

    @Test
    void stepsRangesAndLists() {
        assertThat(next("*/15 * * * * *", "2026-01-01T00:00:14Z")).isEqualTo("2026-01-01T00:00:15Z");
        assertThat(next("0 10-20/5 * * * *", "2026-01-01T00:15:00Z")).isEqualTo("2026-01-01T00:20:00Z");
        assertThat(next("0 10-20/5 * * * *", "2026-01-01T00:20:00Z")).isEqualTo("2026-01-01T01:10:00Z");
        assertThat(next("0 0 1,13 * * *", "2026-01-01T02:00:00Z")).isEqualTo("2026-01-01T13:00:00Z");
        assertThat(next("0 5/20 * * * *", "2026-01-01T00:26:00Z")).isEqualTo("2026-01-01T00:45:00Z");
    }

    @Test
    void namesOfMonthsAndDays() {
        // 2026-01-01 is a Thursday.
        assertThat(next("0 0 9 * * MON", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(next("0 0 9 * * mon-wed", "2026-01-06T10:00:00Z")).isEqualTo("2026-01-07T09:00:00Z");
        assertThat(next("0 0 0 1 MAR ?", "2026-01-01T00:00:00Z")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(next("0 0 0 * * 7", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-04T00:00:00Z");
    }

    @Test
    void monthEndsAndThe31st() {
        assertThat(next("0 0 0 31 * *", "2026-01-31T00:00:00Z")).isEqualTo("2026-03-31T00:00:00Z");
        assertThat(next("0 0 0 30 * *", "2026-01-30T12:00:00Z")).isEqualTo("2026-03-30T00:00:00Z");
        assertThat(next("59 59 23 31 12 *", "2026-12-31T23:59:58Z")).isEqualTo("2026-12-31T23:59:59Z");
        assertThat(next("0 0 0 1 * *", "2026-12-31T23:59:59Z")).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void leapYears() {
        assertThat(next("0 0 0 29 2 *", "2026-01-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(next("0 0 0 29 2 *", "2028-02-29T00:00:00Z")).isEqualTo("2032-02-29T00:00:00Z");
        // 2100 is not a leap year.
        assertThat(next("0 0 0 29 2 *", "2096-03-01T00:00:00Z")).isEqualTo("2104-02-29T00:00:00Z");
    }

    @Test
    void bothDayFieldsRestrictedMatchEither() {
        // the 13th, or any Friday
        assertThat(next("0 0 0 13 * FRI", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(next("0 0 0 13 * FRI", "2026-01-10T00:00:00Z")).isEqualTo("2026-01-13T00:00:00Z");
        // one of them unrestricted: both must hold
        assertThat(next("0 0 0 13 * *", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-13T00:00:00Z");
    }

    @Test
    void impossibleDatesNeverFire() {
        assertThat(next("0 0 0 30 2 *", "2026-01-01T00:00:00Z")).isNull();
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> CronSpec.parse("0 0 * * *"))
                .isInstanceOf(TriggerSyntaxException.class)
                .hasMessageContaining("6 fields")
                .hasMessageContaining("not 5");
        assertThatThrownBy(() -> CronSpec.parse("0 61 * * * *")).hasMessageContaining("minute field \"61\"");
        assertThatThrownBy(() -> CronSpec.parse("0 0 25 * * *")).hasMessageContaining("hour field \"25\"");
        assertThatThrownBy(() -> CronSpec.parse("0 0 0 * FOO *")).hasMessageContaining("month field \"FOO\"");
        assertThatThrownBy(() -> CronSpec.parse("0 0 0 * * MON-FOO")).hasMessageContaining("day of week field");
        assertThatThrownBy(() -> CronSpec.parse("*/0 * * * * *")).hasMessageContaining("step");
        assertThatThrownBy(() -> CronSpec.parse("0 0 10-5 * * *")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> CronSpec.parse("? * * * * *")).hasMessageContaining("second field \"?\"");
        assertThatThrownBy(() -> CronSpec.parse("0 0 0 0 * *")).hasMessageContaining("day of month field \"0\"");
    }
}
