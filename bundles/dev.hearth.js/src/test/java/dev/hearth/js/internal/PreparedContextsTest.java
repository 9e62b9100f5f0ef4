package dev.hearth.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.js.Budget;
import dev.hearth.js.Budgets;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contexts prepared ahead: runs start on them, and still see nothing of each other, their own
 * environment and clock, and their own statement budget.
 */
class PreparedContextsTest {
    private JsSandboxImpl sandbox;

    @BeforeEach
    void start() {
        sandbox = new JsSandboxImpl(Sandboxes.config(1), Sandboxes::resolve);
    }

    @AfterEach
    void stop() {
        sandbox.deactivate();
    }

    @Test
    void thePoolFillsAfterTheFirstRunNotBeforeAndRunsTakeFromIt() throws InterruptedException {
        assertThat(sandbox.preparedReady()).isZero();
        assertThat(print("console.log(1)", Budgets.DEFAULTS)).isEqualTo("1\n");
        assertThat(sandbox.preparedServed()).as("the first run built its own").isZero();
        awaitReady(2);
        assertThat(print("console.log(2)", Budgets.DEFAULTS)).isEqualTo("2\n");
        assertThat(print("console.log(3)", Budgets.DEFAULTS)).isEqualTo("3\n");
        assertThat(sandbox.preparedServed())
                .as("the runs took prepared contexts")
                .isEqualTo(2);
        awaitReady(2);
    }

    @Test
    void aRunSeesNothingOfThePreviousRuns() throws InterruptedException {
        print(
                "globalThis.leak = 'x'; Object.prototype.polluted = 1; JSON.parse = () => 'hijacked';"
                        + " console.marker = 1; process.env.SECRET = 's'; setTimeout(() => {}, 1);",
                Budgets.DEFAULTS);
        for (int i = 0; i < 4; i++) {
            awaitReady(1);
            assertThat(print(
                            "console.log(typeof leak, ({}).polluted, JSON.parse('[1]').length, console.marker,"
                                    + " process.env.SECRET)",
                            Budgets.DEFAULTS))
                    .isEqualTo("undefined undefined 1 undefined undefined\n");
        }
    }

    @Test
    void eachRunGetsItsEnvironmentMainModuleAndClock() throws InterruptedException {
        print("1", Budgets.DEFAULTS);
        awaitReady(2);
        Thread.sleep(50);
        long before = Instant.now().toEpochMilli();
        Sandboxes.Recorder r = new Sandboxes.Recorder();
        RunResult result = sandbox.run(RunSpec.script(
                        "env",
                        "console.log(process.env.WHO, process.argv[1],"
                                + " performance.timeOrigin, performance.now() < 5000)")
                .env("WHO", "alice")
                .host(r)
                .build());
        assertThat(result.completed()).as(result.error()).isTrue();
        String[] out = r.stdout().trim().split(" ");
        assertThat(out[0]).isEqualTo("alice");
        assertThat(out[1]).isEqualTo("/main.js");
        assertThat(Long.parseLong(out[2])).as("the clock starts with the run").isGreaterThanOrEqualTo(before);
        assertThat(out[3]).isEqualTo("true");
    }

    @Test
    void aRunWithAnotherStatementBudgetKeepsItsOwn() throws InterruptedException {
        print("1", Budgets.DEFAULTS);
        awaitReady(2);
        RunResult tight = sandbox.run(RunSpec.script("tight", "for (;;) {}")
                .budgets(Budgets.DEFAULTS.withStatements(10_000))
                .build());
        assertThat(tight.outcome()).isEqualTo(RunResult.Outcome.BUDGET_EXCEEDED);
        assertThat(tight.budget()).isEqualTo(Budget.STATEMENTS);
        awaitReady(2);
        RunResult again = sandbox.run(RunSpec.script("tight again", "for (;;) {}")
                .budgets(Budgets.DEFAULTS.withStatements(10_000).withWallClock(Duration.ofSeconds(10)))
                .build());
        assertThat(again.budget())
                .as("a prepared context has the tight limit too")
                .isEqualTo(Budget.STATEMENTS);
        assertThat(print("let s = 0; for (let i = 0; i < 20000; i++) s += i; console.log(s)", Budgets.DEFAULTS))
                .isEqualTo("199990000\n");
    }

    @Test
    void withoutPreparedContextsRunsBuildTheirOwn() {
        JsSandboxImpl none = new JsSandboxImpl(Sandboxes.config(1, 0), Sandboxes::resolve);
        try {
            RunResult r = none.run(RunSpec.script("own", "console.log('ok')").build());
            assertThat(r.completed()).as(r.error()).isTrue();
            assertThat(none.preparedReady()).isZero();
        } finally {
            none.deactivate();
        }
    }

    private String print(String script, Budgets budgets) {
        Sandboxes.Recorder r = new Sandboxes.Recorder();
        RunResult result = sandbox.run(
                RunSpec.script("test", script).budgets(budgets).host(r).build());
        assertThat(result.completed()).as("%s %s", result.error(), r.lines).isTrue();
        return r.stdout();
    }

    private void awaitReady(int n) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (sandbox.preparedReady() < n) {
            assertThat(System.nanoTime()).as("%d contexts prepared in time", n).isLessThan(until);
            Thread.sleep(5);
        }
    }
}
