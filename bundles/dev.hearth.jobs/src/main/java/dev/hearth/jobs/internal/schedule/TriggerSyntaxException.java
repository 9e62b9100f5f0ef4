package dev.hearth.jobs.internal.schedule;

/** Trigger arguments that do not parse; the message names the offending part. */
public final class TriggerSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TriggerSyntaxException(String message) {
        super(message);
    }
}
