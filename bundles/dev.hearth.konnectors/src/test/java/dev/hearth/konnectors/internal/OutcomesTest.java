package dev.hearth.konnectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Trigger;
import dev.hearth.js.Budget;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunResult;
import dev.hearth.js.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomesTest {
    private static final Usage USAGE = new Usage(10, 5, 1000, -1, 20, 1, 300);

    private static Trigger trigger(String status, String lastError) {
        ObjectNode doc = Json.mapper().createObjectNode().put("_id", "t1").put("worker", "konnector");
        doc.putObject("current_state").put("status", status).put("last_error", lastError);
        return new Trigger(doc);
    }

    private static ObjectNode message() {
        return Json.mapper().createObjectNode().put("konnector", "k").put("account", "a");
    }

    private static RunResult run(RunResult.Outcome outcome, Budget budget, String error, OutputEvent... events) {
        return new RunResult(
                outcome, budget, error, outcome == RunResult.Outcome.COMPLETED ? 0 : 1, USAGE, List.of(events));
    }

    private static OutputEvent event(String type, String message, boolean noRetry) {
        return new OutputEvent(type, message, noRetry, "{}");
    }

    @Test
    void automaticRunsAfterALoginFailureOrAUserActionAreSkipped() {
        assertThat(Outcomes.skipReason(trigger("errored", "LOGIN_FAILED"), false, message()))
                .isEqualTo("LOGIN_FAILED");
        assertThat(Outcomes.skipReason(trigger("errored", "LOGIN_FAILED.TOO_MANY_ATTEMPTS"), false, message()))
                .isEqualTo("LOGIN_FAILED.TOO_MANY_ATTEMPTS");
        assertThat(Outcomes.skipReason(trigger("errored", "USER_ACTION_NEEDED.OAUTH_OUTDATED"), false, message()))
                .isEqualTo("USER_ACTION_NEEDED.OAUTH_OUTDATED");
    }

    @Test
    void manualRunsOtherErrorsTheCguFormAndDeletionsRun() {
        assertThat(Outcomes.skipReason(trigger("errored", "LOGIN_FAILED"), true, message()))
                .isNull();
        assertThat(Outcomes.skipReason(trigger("errored", "VENDOR_DOWN"), false, message()))
                .isNull();
        assertThat(Outcomes.skipReason(trigger("errored", "USER_ACTION_NEEDED.CGU_FORM"), false, message()))
                .isNull();
        assertThat(Outcomes.skipReason(trigger("done", "LOGIN_FAILED"), false, message()))
                .isNull();
        assertThat(Outcomes.skipReason(null, false, message())).isNull();
        ObjectNode deletion = message().put("account_deleted", true);
        assertThat(Outcomes.skipReason(trigger("errored", "LOGIN_FAILED"), false, deletion))
                .isNull();
        ObjectNode webhook = message().put("bi_webhook", true);
        assertThat(Outcomes.skipReason(trigger("errored", "LOGIN_FAILED"), false, webhook))
                .isNull();
    }

    @Test
    void theLastCriticalMessageWinsOverErrorsAndAnExitThatSucceeded() {
        RunResult result = run(
                RunResult.Outcome.COMPLETED,
                null,
                null,
                event("error", "FIRST", false),
                event("critical", "LOGIN_FAILED", false),
                event("error", "LAST", false));
        assertThat(Outcomes.error(result)).isEqualTo("LOGIN_FAILED");
        RunResult errorsOnly = run(
                RunResult.Outcome.COMPLETED,
                null,
                null,
                event("error", "FIRST", false),
                event("error", "VENDOR_DOWN", false));
        assertThat(Outcomes.error(errorsOnly)).isEqualTo("VENDOR_DOWN");
        assertThat(Outcomes.error(run(RunResult.Outcome.COMPLETED, null, null, event("info", "ok", false))))
                .isNull();
    }

    @Test
    void aFailedRunWithoutMessagesGivesWhyItFailed() {
        assertThat(Outcomes.error(run(RunResult.Outcome.FAILED, null, "TypeError: x is not a function")))
                .isEqualTo("TypeError: x is not a function");
        assertThat(Outcomes.error(run(RunResult.Outcome.BUDGET_EXCEEDED, Budget.WALL_CLOCK, "wall")))
                .isEqualTo("context deadline exceeded");
        assertThat(Outcomes.error(run(RunResult.Outcome.BUDGET_EXCEEDED, Budget.CPU_TIME, "cpu")))
                .isEqualTo("Budget exceeded: CPU_TIME");
    }

    @Test
    void retriesAreRefusedWhenTheUserMustActOrABudgetRanOutOrTheKonnectorSaysSo() {
        ObjectNode figures = Json.mapper().createObjectNode().put("cpu_ms", 5);
        RunResult login = run(RunResult.Outcome.COMPLETED, null, null, event("critical", "LOGIN_FAILED", false));
        JobFailure f = Outcomes.failure("LOGIN_FAILED", login, figures);
        assertThat(f.retryable()).isFalse();
        assertThat(f.result()).isEqualTo(figures);
        RunResult down = run(RunResult.Outcome.COMPLETED, null, null, event("critical", "VENDOR_DOWN", false));
        assertThat(Outcomes.failure("VENDOR_DOWN", down, figures).retryable()).isTrue();
        RunResult noRetry = run(RunResult.Outcome.COMPLETED, null, null, event("critical", "VENDOR_DOWN", true));
        assertThat(Outcomes.failure("VENDOR_DOWN", noRetry, figures).retryable())
                .isFalse();
        RunResult cpu = run(RunResult.Outcome.BUDGET_EXCEEDED, Budget.CPU_TIME, "cpu");
        assertThat(Outcomes.failure("Budget exceeded: CPU_TIME", cpu, figures).retryable())
                .isFalse();
        RunResult wall = run(RunResult.Outcome.BUDGET_EXCEEDED, Budget.WALL_CLOCK, "wall");
        assertThat(Outcomes.failure("context deadline exceeded", wall, figures).retryable())
                .isTrue();
    }
}
