package dev.hearth.jobs.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeriodicTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    @Test
    void hourlyFiresOnceAnHourAtAFixedMinute() {
        Periodic p = Periodic.parse("@hourly", "", 42);
        Instant a = p.next(START);
        Instant b = p.next(a);
        assertThat(Duration.between(a, b)).isEqualTo(Duration.ofHours(1));
        assertThat(utc(a).getMinute()).isEqualTo(utc(b).getMinute());
        assertThat(utc(a).getSecond()).isZero();
    }

    @Test
    void theSlotIsKeptForASeedAndSpreadAcrossSeeds() {
        assertThat(Periodic.parse("@daily", "", 7).next(START))
                .isEqualTo(Periodic.parse("@daily", "", 7).next(START));
        Set<Instant> slots = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            slots.add(Periodic.parse("@daily", "", seed).next(START));
        }
        assertThat(slots).hasSizeGreaterThan(30);
    }

    @Test
    void dailyBetweenHours() {
        for (long seed = 0; seed < 200; seed++) {
            Periodic p = Periodic.parse("@daily", "between 8am and 6pm", seed);
            Instant a = p.next(START);
            assertThat(utc(a).getHour()).isBetween(8, 17);
            assertThat(Duration.between(a, p.next(a))).isEqualTo(Duration.ofDays(1));
        }
    }

    @Test
    void beforeAndAfter() {
        for (long seed = 0; seed < 200; seed++) {
            assertThat(utc(Periodic.parse("@daily", "before 5am", seed).next(START))
                            .getHour())
                    .isBetween(0, 4);
            assertThat(utc(Periodic.parse("@daily", "after 10pm", seed).next(START))
                            .getHour())
                    .isBetween(22, 23);
            assertThat(utc(Periodic.parse("@daily", "after 12am before 1am", seed)
                                    .next(START))
                            .getHour())
                    .isZero();
        }
    }

    @Test
    void dailyOnSomeDays() {
        Periodic p = Periodic.parse("@daily", "on mon,wed,fri after 9pm", 3);
        Instant t = START;
        for (int i = 0; i < 12; i++) {
            t = p.next(t);
            assertThat(utc(t).getDayOfWeek()).isIn(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
            assertThat(utc(t).getHour()).isGreaterThanOrEqualTo(21);
        }
        Instant w = START;
        for (int i = 0; i < 10; i++) {
            w = Periodic.parse("@daily", "on weekend", 9).next(w);
            assertThat(utc(w).getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
    }

    @Test
    void weeklyPicksOneDayOfTheAllowedOnes() {
        for (long seed = 0; seed < 50; seed++) {
            Periodic p = Periodic.parse("@weekly", "on wed-fri", seed);
            Instant a = p.next(START);
            assertThat(utc(a).getDayOfWeek()).isIn(DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
            assertThat(Duration.between(a, p.next(a))).isEqualTo(Duration.ofDays(7));
        }
        Instant weekday = Periodic.parse("@weekly", "on weekday", 1).next(START);
        assertThat(utc(weekday).getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    }

    @Test
    void monthlyOnTheFirstDays() {
        for (long seed = 0; seed < 50; seed++) {
            Periodic p = Periodic.parse("@monthly", "on the 1-5 between 1am and 3am", seed);
            Instant t = START;
            for (int m = 0; m < 14; m++) {
                t = p.next(t);
                assertThat(utc(t).getDayOfMonth()).isBetween(1, 5);
                assertThat(utc(t).getHour()).isBetween(1, 2);
                assertThat(utc(t).getMonthValue()).isEqualTo((m % 12) + 1);
            }
        }
    }

    @Test
    void monthlyOnThe31stFiresOnTheLastDayOfShortMonths() {
        Periodic p = Periodic.parse("@monthly", "on the 31", 5);
        Instant t = Instant.parse("2028-01-01T00:00:00Z");
        int[] expected = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28};
        for (int day : expected) {
            t = p.next(t);
            assertThat(utc(t).getDayOfMonth()).isEqualTo(day);
        }
    }

    @Test
    void errorsNameTheConstraint() {
        assertThatThrownBy(() -> Periodic.parse("@daily", "after 25pm", 1))
                .hasMessageContaining("\"25pm\" is not an hour");
        assertThatThrownBy(() -> Periodic.parse("@daily", "between 8am or 6pm", 1))
                .hasMessageContaining("expected \"and\"")
                .hasMessageContaining("\"or\"");
        assertThatThrownBy(() -> Periodic.parse("@daily", "on funday", 1))
                .hasMessageContaining("\"funday\" is not a day");
        assertThatThrownBy(() -> Periodic.parse("@daily", "sometimes", 1))
                .hasMessageContaining("unknown constraint \"sometimes\"");
        assertThatThrownBy(() -> Periodic.parse("@daily", "after 6pm before 8am", 1))
                .hasMessageContaining("no hour is left");
        assertThatThrownBy(() -> Periodic.parse("@monthly", "on the 32", 1))
                .hasMessageContaining("\"32\" is not a day of the month");
        assertThatThrownBy(() -> Periodic.parse("@monthly", "on monday", 1)).hasMessageContaining("on the D");
        assertThatThrownBy(() -> Periodic.parse("@hourly", "before 5am", 1))
                .hasMessageContaining("@hourly takes no constraint");
        assertThatThrownBy(() -> Periodic.parse("@daily", "before", 1))
                .hasMessageContaining("missing value after \"before\"");
    }
}
