package dev.hearth.datasystem.internal.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The gate of a store's file: counts the operations in flight while the file is open, and holds
 * it hibernating (closed until the next operation) or closed for good. An operation passes the
 * gate only while the file is open, and the file is closed only when none is in flight, so a
 * file is never pulled from under an operation.
 */
final class StoreGate {
    /** State values besides the count of operations in flight. */
    private static final int HIBERNATING = -1;

    private static final int CLOSED = -2;

    /** Operations in flight, or {@link #HIBERNATING}, or {@link #CLOSED}. */
    private final AtomicInteger state = new AtomicInteger(HIBERNATING);

    private volatile boolean closing;

    /**
     * Lets an operation in if the file is open.
     *
     * @return false while the file hibernates: the caller opens it and tries again
     * @throws IllegalStateException once the store is closing or closed
     */
    boolean enter(String domain) {
        while (true) {
            int s = state.get();
            if (s == CLOSED || closing) {
                throw new IllegalStateException("The store of " + domain + " is closed");
            }
            if (s == HIBERNATING) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Lets an operation in if the file is open and the store not closing; false otherwise. */
    boolean enterIfOpen() {
        while (true) {
            int s = state.get();
            if (s < 0 || closing) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    void exit() {
        state.decrementAndGet();
    }

    /** Whether an operation is in flight (the caller's own, when it asks). */
    boolean occupied() {
        return state.get() > 0;
    }

    boolean hibernating() {
        return state.get() == HIBERNATING;
    }

    /** Marks the file open, after it was opened from hibernation (under the store's lock). */
    void opened() {
        state.set(0);
    }

    /** Whether the file is open (not hibernating, not closed). */
    boolean isOpen() {
        return state.get() >= 0;
    }

    boolean closing() {
        return closing;
    }

    /** Turns an open file with no operation in flight to hibernating: false if it is in use. */
    boolean hibernateIfUnused() {
        return state.compareAndSet(0, HIBERNATING);
    }

    /**
     * Refuses new operations at once and waits for those in flight.
     *
     * @return whether the file was open, and must be closed by the caller
     */
    boolean close() {
        closing = true;
        while (true) {
            int s = state.get();
            if (s == CLOSED) {
                return false;
            }
            if ((s == 0 || s == HIBERNATING) && state.compareAndSet(s, CLOSED)) {
                return s == 0;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Closes at once, whatever is in flight (tests only, to act as a killed process). */
    void closeNow() {
        closing = true;
        state.set(CLOSED);
    }
}
