package dev.hearth.auth;

import java.util.function.BooleanSupplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Slows down passphrase guessing. Each client address of an instance may fail a few times, then
 * waits twice as long after every further failure, and has one attempt in flight at most; the
 * instance as a whole has a budget of failures per window, past which addresses that already
 * failed must wait for the window to end. Refusals cost nothing: no passphrase hash is computed
 * for them, so a guessing client cannot slow down the others.
 */
@ProviderType
public interface LoginThrottle {
    /** The message of a refused attempt. */
    String TOO_MANY = "Too many login attempts, try again later";

    /**
     * Starts an attempt, or refuses it.
     *
     * @throws dev.hearth.common.error.StatusException 429 {@value #TOO_MANY} with {@code
     *     Retry-After}
     */
    Attempt begin(String domain, String address);

    /**
     * Runs one check of a secret as a throttled attempt: its result counts as a success or a
     * failure.
     *
     * @return the check's result
     * @throws dev.hearth.common.error.StatusException 429 when the attempt is refused
     */
    default boolean attempt(String domain, String address, BooleanSupplier check) {
        try (Attempt attempt = begin(domain, address)) {
            if (check.getAsBoolean()) {
                attempt.succeeded();
                return true;
            }
            attempt.failed();
            return false;
        }
    }

    /** One login attempt; closing it without an outcome counts as neither. */
    interface Attempt extends AutoCloseable {
        /** The passphrase was wrong. */
        void failed();

        /** The passphrase was right: the address's failures are forgotten. */
        void succeeded();

        @Override
        void close();
    }
}
