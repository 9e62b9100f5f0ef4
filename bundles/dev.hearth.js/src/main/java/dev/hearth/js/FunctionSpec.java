package dev.hearth.js;

/**
 * A {@link JsFunctions} session: {@code source} is a script whose completion value is an object
 * whose members are the functions to call (each takes one string, JSON by convention, and returns
 * a string); {@code name} names the session in logs and errors.
 */
public record FunctionSpec(String name, String source, FunctionBudgets budgets) {
    public FunctionSpec {
        if (source.isBlank()) {
            throw new IllegalArgumentException("A function session needs a script");
        }
    }
}
