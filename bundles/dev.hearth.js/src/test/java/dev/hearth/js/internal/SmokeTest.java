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
    void anUncaughtErrorFailsTheRun() {
        RunResult r = Sandboxes.run("null.x");
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(r.error()).contains("TypeError");
    }
}
