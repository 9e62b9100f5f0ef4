package dev.hearth.konnectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.js.Budgets;
import dev.hearth.test.Configs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunBudgetsTest {

    @Test
    void theWorkerBudgetsApplyWithTheJobsWallClock() {
        RunBudgets budgets = new RunBudgets(Configs.of(RunConfig.class, Map.of("cpuSeconds", 30, "requests", 50)));
        Budgets b = budgets.of("any", Duration.ofSeconds(90));
        assertThat(b.wallClock()).isEqualTo(Duration.ofSeconds(90));
        assertThat(b.cpuTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.requests()).isEqualTo(50);
        assertThat(b.allocatedBytes()).isEqualTo(8192L << 20);
        assertThat(b.outputBytes()).isEqualTo(4096L * 1024);
    }

    @Test
    void aKonnectorMayHaveItsOwnBudgets() {
        RunBudgets budgets = new RunBudgets(Configs.of(
                RunConfig.class,
                Map.of("perSlug", new String[] {"my-bank.cpuSeconds=300", "my.bank.v2.requests = 7"})));
        assertThat(budgets.of("my-bank", Duration.ofSeconds(1)).cpuTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(budgets.of("my.bank.v2", Duration.ofSeconds(1)).requests()).isEqualTo(7);
        assertThat(budgets.of("other", Duration.ofSeconds(1)).cpuTime()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void malformedOverridesAreRefused() {
        for (String bad : new String[] {"nodot=3", "k.unknown=3", "k.requests=", "k.requests=-1", "k.requests=x"}) {
            assertThatThrownBy(() -> new RunBudgets(Configs.of(RunConfig.class, Map.of("perSlug", new String[] {bad}))))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
