package dev.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.common.config.ConfigCheck;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConfigCheckTest {
    @Retention(RetentionPolicy.RUNTIME)
    @interface Sample {
        int period() default 60;

        String mode() default "commit";
    }

    private final Logger log = (Logger) LoggerFactory.getLogger("config-check-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ConfigCheck check = new ConfigCheck("dev.hearth.sample", Sample.class, log);

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
    }

    @Test
    void valuesInRangePassSilently() {
        assertThat(check.atLeast("period", 1, 1)).isEqualTo(1);
        assertThat(check.inRange("period", 10, 1, 10)).isEqualTo(10);
        assertThat(check.oneOf("mode", "fsync", Set.of("commit", "fsync"))).isEqualTo("fsync");
        assertThat(lines.list).isEmpty();
    }

    @Test
    void anOutOfRangeValueGivesTheDefaultAndOneWarningNamingEverything() {
        assertThat(check.atLeast("period", 0, 1)).isEqualTo(60);
        assertThat(check.inRange("period", 11, 1, 10)).isEqualTo(60);
        assertThat(check.oneOf("mode", "fsnyc", Set.of("commit", "fsync"))).isEqualTo("commit");

        assertThat(lines.list)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo(
                        "Configuration dev.hearth.sample: period = 0 is out of range (must be at least 1); using the default 60");
        assertThat(lines.list.get(1).getFormattedMessage()).contains("period = 11", "between 1 and 10", "default 60");
        assertThat(lines.list.get(2).getFormattedMessage())
                .isEqualTo(
                        "Configuration dev.hearth.sample: mode = 'fsnyc' is not one of [commit, fsync]; using the default 'commit'");
    }

    @Test
    void aMisspelledAttributeIsAProgrammingError() {
        assertThatThrownBy(() -> check.atLeast("perod", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perod");
    }
}
