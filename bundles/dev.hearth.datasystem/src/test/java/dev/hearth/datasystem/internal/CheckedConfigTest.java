package dev.hearth.datasystem.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.common.json.Json;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.internal.InstanceServiceImpl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A bad value in the datasystem configuration costs its default and a warning, never the service. */
class CheckedConfigTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(EmbeddedEngine.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @TempDir
    Path data;

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
    void theDataServiceStartsWithDefaultsInPlaceOfBadValues() throws Exception {
        InstanceServiceImpl instances = TestConfigs.instances(data);
        instances.create(NewInstance.of("alice.localhost"));
        DataSystemConfig bad = TestConfigs.datasystem(Map.of(
                "compactionSeconds",
                0,
                "revsLimit",
                -1,
                "maxDocumentBytes",
                0,
                "idleCloseSeconds",
                -5,
                "cacheMegabytes",
                0,
                "cacheMaxMegabytes",
                0,
                "cacheBudgetMegabytes",
                -1,
                "purgeDeletedAfterDays",
                -1,
                "durability",
                "fsnyc"));

        DataServiceImpl service = DataServiceImpl.embedded(instances, bad);
        try {
            assertThat(service.database("alice.localhost", "io.cozy.notes")
                            .save(Json.mapper().createObjectNode().put("text", "still works"))
                            .isOk())
                    .isTrue();
        } finally {
            service.deactivate();
        }

        List<String> warnings = lines.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(warnings)
                .hasSize(9)
                .allSatisfy(w -> assertThat(w).startsWith("Configuration dev.hearth.datasystem: "));
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w).contains("compactionSeconds = 0", "default 60"))
                .anySatisfy(w -> assertThat(w).contains("revsLimit = -1", "default 1000"))
                .anySatisfy(w -> assertThat(w).contains("maxDocumentBytes = 0", "default 8000000"))
                .anySatisfy(w -> assertThat(w).contains("idleCloseSeconds = -5", "default 300"))
                .anySatisfy(w -> assertThat(w).contains("cacheMegabytes = 0", "default 4"))
                .anySatisfy(w -> assertThat(w).contains("cacheMaxMegabytes = 0", "default 64"))
                .anySatisfy(w -> assertThat(w).contains("cacheBudgetMegabytes = -1", "default 256"))
                .anySatisfy(w -> assertThat(w).contains("purgeDeletedAfterDays = -1", "default 180"))
                .anySatisfy(w -> assertThat(w).contains("durability = 'fsnyc'", "default 'commit'"));
    }

    @Test
    void goodValuesAreKeptWithoutAWord() {
        CheckedConfig checked = CheckedConfig.of(
                TestConfigs.datasystem(Map.of("compactionSeconds", 5, "durability", "fsync", "revsLimit", 1)), log);
        assertThat(checked).isEqualTo(new CheckedConfig(true, 1, 8_000_000, 300, 4, 64, 256, 5, 180));
        assertThat(lines.list).isEmpty();
    }

    @Test
    void badValuesBecomeTheDefaults() {
        CheckedConfig checked =
                CheckedConfig.of(TestConfigs.datasystem(Map.of("compactionSeconds", -1, "revsLimit", 0)), log);
        assertThat(checked).isEqualTo(CheckedConfig.of(TestConfigs.datasystem(), log));
        assertThat(checked.compactionSeconds()).isEqualTo(60);
    }
}
