package dev.hearth.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.js.RunResult;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runsAScriptAndItsTimers() {
        assertThat(
                        Sandboxes.print(
                                "console.log('a'); setTimeout(() => console.log('c'), 5); Promise.resolve().then(() => console.log('b'));"))
                .isEqualTo("a\nb\nc\n");
    }

    @Test
    void theEngineIsCreatedByTheFirstRunNotBefore() {
        JsSandboxImpl sandbox = new JsSandboxImpl(Sandboxes.config(1), Sandboxes::resolve);
        try {
            assertThat(sandbox.engineStarted()).isFalse();
            RunResult r = sandbox.run(dev.hearth.js.RunSpec.script(
                            "first", "let s = 0; for (let i = 0; i < 1e5; i++) s += i; console.log(s)")
                    .build());
            assertThat(r.completed()).as(r.error()).isTrue();
            assertThat(sandbox.engineStarted()).isTrue();
            assertThat(r.usage().cpuMillis()).isPositive();
            assertThat(r.usage().allocatedBytes()).isPositive();
            assertThat(r.usage().outputBytes()).isEqualTo("4999950000\n".length());
            assertThat(r.usage().statements()).isEqualTo(-1);
        } finally {
            sandbox.deactivate();
        }
        assertThat(sandbox.run(dev.hearth.js.RunSpec.script("after", "1").build())
                        .outcome())
                .isEqualTo(RunResult.Outcome.CANCELLED);
    }

    @Test
    void aRunThatCatchesItsStackOverflowsIsStoppedAndFreesItsSlot() {
        JsSandboxImpl sandbox = new JsSandboxImpl(Sandboxes.config(1), Sandboxes::resolve);
        try {
            RunResult stuck = sandbox.run(
                    dev.hearth.js.RunSpec.script("stuck", "function f() { try { f() } catch (e) { f() } } f()")
                            .budgets(dev.hearth.js.Budgets.DEFAULTS.withWallClock(java.time.Duration.ofSeconds(1)))
                            .build());
            assertThat(stuck.outcome()).isEqualTo(RunResult.Outcome.BUDGET_EXCEEDED);
            RunResult next =
                    sandbox.run(dev.hearth.js.RunSpec.script("next", "1").build());
            assertThat(next.completed()).as("the only slot is free again").isTrue();
        } finally {
            sandbox.deactivate();
        }
    }

    @Test
    void aRunWithoutAThreadIsCancelledAndFreesItsSlot() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadFactory failingOnce = task -> {
            if (asked.getAndIncrement() == 0) {
                throw new OutOfMemoryError("unable to create native thread");
            }
            return Thread.ofPlatform().daemon().unstarted(task);
        };
        JsSandboxImpl sandbox = new JsSandboxImpl(Sandboxes.config(1), Sandboxes::resolve, failingOnce);
        try {
            RunResult refused =
                    sandbox.run(dev.hearth.js.RunSpec.script("first", "1").build());
            assertThat(refused.outcome()).isEqualTo(RunResult.Outcome.CANCELLED);
            assertThat(refused.error()).contains("unable to create native thread");
            RunResult next = sandbox.run(
                    dev.hearth.js.RunSpec.script("next", "console.log(2)").build());
            assertThat(next.completed()).as("the only slot is free again").isTrue();
        } finally {
            sandbox.deactivate();
        }
    }

    @Test
    void anUncaughtErrorFailsTheRun() {
        RunResult r = Sandboxes.run("null.x");
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(r.error()).contains("TypeError");
    }
}
