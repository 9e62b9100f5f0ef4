package dev.hearth.konnectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class KonnectorsImplTest {

    private static String[] fields(String json) throws Exception {
        String crontab = KonnectorsImpl.crontab((ObjectNode) Json.mapper().readTree(json));
        String[] f = crontab.split(" ");
        assertThat(f).hasSize(6);
        assertThat(f[0]).isEqualTo("0");
        assertThat(Integer.parseInt(f[1])).isBetween(0, 59);
        return f;
    }

    @RepeatedTest(20)
    void theScheduleIsWeeklyAtNightByDefault() throws Exception {
        String[] f = fields("{}");
        assertThat(Integer.parseInt(f[2])).isBetween(0, 4);
        assertThat(f[3]).isEqualTo("*");
        assertThat(Integer.parseInt(f[5])).isBetween(0, 6);
    }

    @RepeatedTest(20)
    void theManifestChoosesTheFrequencyAndTheHours() throws Exception {
        String[] daily = fields("{\"frequency\":\"daily\",\"time_interval\":[8,10]}");
        assertThat(Integer.parseInt(daily[2])).isBetween(8, 9);
        assertThat(daily[5]).isEqualTo("*");
        String[] monthly = fields("{\"frequency\":\"monthly\"}");
        assertThat(Integer.parseInt(monthly[3])).isBetween(1, 28);
        String[] hourly = fields("{\"frequency\":\"hourly\"}");
        assertThat(hourly[2]).isEqualTo("*");
    }

    @Test
    void logLevelsAreCozyStacksAndOthersAreRefused() {
        assertThat(KonnectorsImpl.level("critical")).isEqualTo(Level.ERROR);
        assertThat(KonnectorsImpl.level("warning")).isEqualTo(Level.WARN);
        assertThat(KonnectorsImpl.level("INFO")).isEqualTo(Level.INFO);
        assertThatThrownBy(() -> KonnectorsImpl.level("loud"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    }

    @Test
    void theDefaultFolderIsUnderAdministrativeWithSafeNames() throws Exception {
        ObjectNode account = (ObjectNode) Json.mapper().readTree("{\"_id\":\"acc1\",\"name\":\"me@mail.example\"}");
        assertThat(FolderToSave.defaultPath("my bank/online", account))
                .isEqualTo("/Administrative/My Bank_online/me_mail_example");
        ObjectNode unnamed = (ObjectNode) Json.mapper().readTree("{\"_id\":\"acc1\"}");
        assertThat(FolderToSave.defaultPath("Bank", unnamed)).isEqualTo("/Administrative/Bank/acc1");
    }
}
