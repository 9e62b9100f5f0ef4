package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminParamsTest {

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "10m, PT10M", "1h30m, PT1H30M", "1.5h, PT1H30M", "250ms, PT0.25S", "2h0m0s, PT2H"})
    void parsesGoDurations(String text, Duration expected) {
        assertThat(AdminParams.parseDuration("Expire", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "10", "1d", "m", "1h 30m", "-1h", "1h30"})
    void refusesOtherDurations(String text) {
        assertThatThrownBy(() -> AdminParams.parseDuration("Expire", text))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.parameter()).isEqualTo("Expire");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0"})
    void zeroMeansTheDefault(String text) {
        assertThat(AdminParams.parseDuration("Expire", text)).isNull();
    }
}
