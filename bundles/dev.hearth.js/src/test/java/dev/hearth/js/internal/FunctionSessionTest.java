package dev.hearth.js.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.js.Budget;
import dev.hearth.js.BudgetExceededException;
import dev.hearth.js.CallResult;
import dev.hearth.js.FunctionBudgets;
import dev.hearth.js.FunctionSpec;
import dev.hearth.js.JsFunctions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionSessionTest {
    private static final String DOUBLER = "({ twice: (s) => JSON.stringify(JSON.parse(s) * 2),"
            + " fail: (s) => { throw new Error('bad ' + s); },"
            + " spin: (s) => { if (s === 'loop') { while (true) {} } return s; },"
            + " probe: (s) => JSON.stringify([typeof Java, typeof Polyglot, typeof console, typeof require,"
            + " typeof load, typeof print, typeof process, typeof fetch]) })";

    private static JsFunctions open(String source, FunctionBudgets budgets) {
        return Sandboxes.SANDBOX.functions(new FunctionSpec("test", source, budgets));
    }

    @Test
    void callsAFunctionOncePerArgumentInOneContext() {
        try (JsFunctions f = open("let calls = 0; ({ count: (s) => String(++calls) })", FunctionBudgets.DEFAULTS)) {
            assertThat(f.callEach("count", List.of("a", "b", "c")))
                    .extracting(CallResult::value)
                    .containsExactly("1", "2", "3");
            assertThat(f.callEach("count", List.of("d")))
                    .extracting(CallResult::value)
                    .containsExactly("4");
        }
    }

    @Test
    void aThrowingCallFailsAloneAndAStatementBombIsStoppedWithoutEndingTheSession() {
        FunctionBudgets small =
                new FunctionBudgets(10_000, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(30), 1L << 30);
        try (JsFunctions f = open(DOUBLER, small)) {
            List<CallResult> r = f.callEach("fail", List.of("x"));
            assertThat(r.getFirst().error()).contains("bad x");
            assertThat(r.getFirst().budget()).isNull();
            List<CallResult> spun = f.callEach("spin", List.of("a", "loop", "b"));
            assertThat(spun.get(0).value()).isEqualTo("a");
            assertThat(spun.get(1).budget()).isEqualTo(Budget.STATEMENTS);
            assertThat(spun.get(2).value()).isEqualTo("b");
            assertThat(f.callEach("twice", List.of("21")).getFirst().value()).isEqualTo("42");
        }
    }

    @Test
    void theContextHasNoWayOut() {
        try (JsFunctions f = open(DOUBLER, FunctionBudgets.DEFAULTS)) {
            assertThat(f.callEach("probe", List.of("")).getFirst().value())
                    .isEqualTo("[\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\","
                            + "\"undefined\",\"undefined\"]");
        }
    }

    @Test
    void aBatchOverItsCpuBudgetEndsTheSession() {
        FunctionBudgets tight =
                new FunctionBudgets(Long.MAX_VALUE, 1 << 20, Duration.ofSeconds(30), Duration.ofMillis(200), 1L << 30);
        JsFunctions f = open(DOUBLER, tight);
        assertThatThrownBy(() -> f.callEach("spin", List.of("loop")))
                .isInstanceOfSatisfying(
                        BudgetExceededException.class,
                        e -> assertThat(e.budget()).isEqualTo(Budget.CPU_TIME));
        assertThatThrownBy(() -> f.callEach("twice", List.of("1"))).isInstanceOf(IllegalStateException.class);
        f.close();
        try (JsFunctions again = open(DOUBLER, FunctionBudgets.DEFAULTS)) {
            assertThat(again.callEach("twice", List.of("2")).getFirst().value()).isEqualTo("4");
        }
    }

    @Test
    void aScriptThatDoesNotCompileOrIsNoObjectIsRefused() {
        assertThatThrownBy(() -> open("({ f: (s) => ", FunctionBudgets.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test");
        assertThatThrownBy(() -> open("42", FunctionBudgets.DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
        try (JsFunctions f = open(DOUBLER, FunctionBudgets.DEFAULTS)) {
            assertThatThrownBy(() -> f.callEach("nothing", List.of("1"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSessionWhoseThreadCannotStartGivesItsSlotBack() {
        AtomicInteger released = new AtomicInteger();
        ThreadFactory noThreads = task -> {
            throw new OutOfMemoryError("unable to create native thread");
        };
        try (SharedEngine engine = new SharedEngine()) {
            assertThatThrownBy(() -> new FunctionSession(
                            engine,
                            new FunctionSpec("test", DOUBLER, FunctionBudgets.DEFAULTS),
                            noThreads,
                            released::incrementAndGet))
                    .isInstanceOf(OutOfMemoryError.class)
                    .hasMessage("unable to create native thread");
        }
        assertThat(released).as("the slot taken for the session").hasValue(1);
    }
}
