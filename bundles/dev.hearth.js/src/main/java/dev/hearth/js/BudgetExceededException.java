package dev.hearth.js;

/**
 * Thrown by a {@link RunHost} call to end the run because one of the host's own budgets (such
 * as {@link Budget#DOCUMENTS_WRITTEN}) ran out. The script cannot catch it: the run stops.
 */
public final class BudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Budget budget;

    public BudgetExceededException(Budget budget, String message) {
        super(message);
        this.budget = budget;
    }

    public Budget budget() {
        return budget;
    }
}
