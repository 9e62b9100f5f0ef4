package dev.hearth.js;

import org.jspecify.annotations.Nullable;

/**
 * One call of a {@link JsFunctions} session: the string the function returned ({@code null} when
 * it returned something else), or why it failed: {@code error} is the script's error message, and
 * {@code budget} is set when the call ran out of its own budget.
 */
public record CallResult(
        @Nullable String value,
        @Nullable String error,
        @Nullable Budget budget) {
    public static CallResult ok(@Nullable String value) {
        return new CallResult(value, null, null);
    }

    public static CallResult failed(String error, @Nullable Budget budget) {
        return new CallResult(null, error, budget);
    }

    public boolean succeeded() {
        return error == null;
    }
}
