package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.jobs.JobFailure;
import dev.hearth.jobs.Trigger;
import dev.hearth.js.Budget;
import dev.hearth.js.OutputEvent;
import dev.hearth.js.RunResult;
import org.jspecify.annotations.Nullable;

/** cozy-stack's rules on konnector runs: which automatic runs are skipped, and what a run's error is. */
final class Outcomes {
    static final String LOGIN_FAILED = "LOGIN_FAILED";
    static final String USER_ACTION_NEEDED = "USER_ACTION_NEEDED";
    static final String CGU_FORM = "USER_ACTION_NEEDED.CGU_FORM";
    /** The error of a run stopped by its wall clock, as cozy-stack's timeout names it. */
    static final String DEADLINE = "context deadline exceeded";

    private Outcomes() {}

    /**
     * The error that makes an automatic run of this trigger be skipped, or null: the trigger's last
     * job errored with {@code LOGIN_FAILED...} or {@code USER_ACTION_NEEDED...} (except the CGU
     * form). Manual runs, webhook runs of an aggregator and account deletions are never skipped.
     */
    static @Nullable String skipReason(@Nullable Trigger trigger, boolean manual, ObjectNode message) {
        if (trigger == null
                || manual
                || message.path("bi_webhook").asBoolean(false)
                || message.path("account_deleted").asBoolean(false)) {
            return null;
        }
        JsonNode state = trigger.doc().path("current_state");
        if (!"errored".equals(state.path("status").asText())) {
            return null;
        }
        String last = state.path("last_error").asText("");
        if (last.startsWith(LOGIN_FAILED) || (last.startsWith(USER_ACTION_NEEDED) && !last.equals(CGU_FORM))) {
            return last;
        }
        return null;
    }

    /** Whether a retry cannot help: the user must act first. */
    static boolean needsUser(String error) {
        return error.startsWith(LOGIN_FAILED) || error.startsWith(USER_ACTION_NEEDED);
    }

    /**
     * The job's error for a run: the last {@code critical} message, else the last {@code error}
     * one (even when the script ended normally, as cozy-stack does), else why the run failed;
     * null when it succeeded.
     */
    static @Nullable String error(RunResult result) {
        String reported = result.lastErrorMessage();
        if (reported != null) {
            return reported;
        }
        return switch (result.outcome()) {
            case COMPLETED -> null;
            case BUDGET_EXCEEDED ->
                result.budget() == Budget.WALL_CLOCK
                        ? DEADLINE
                        : "Budget exceeded: "
                                + (result.budget() == null
                                        ? "unknown"
                                        : result.budget().name());
            case CANCELLED -> "The run was cancelled";
            case FAILED -> result.error() == null ? "exit status 1" : result.error();
        };
    }

    /** The failure of a run that has an error, with the run's figures as the job's result. */
    static JobFailure failure(String error, RunResult result, ObjectNode figures) {
        boolean noRetry = needsUser(error)
                || result.outcome() == RunResult.Outcome.BUDGET_EXCEEDED && result.budget() != Budget.WALL_CLOCK
                || lastCriticalNoRetry(result);
        return new JobFailure(error, !noRetry, figures);
    }

    private static boolean lastCriticalNoRetry(RunResult result) {
        for (int i = result.events().size() - 1; i >= 0; i--) {
            OutputEvent e = result.events().get(i);
            if (e.isCritical()) {
                return e.noRetry();
            }
        }
        return false;
    }
}
