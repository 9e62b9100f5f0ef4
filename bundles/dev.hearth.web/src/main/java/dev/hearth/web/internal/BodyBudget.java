package dev.hearth.web.internal;

import dev.hearth.common.error.StatusException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * How many bytes of request bodies all routes together may hold while they read them, so that a
 * few huge requests at once cannot exhaust the heap: each read takes its bytes from the budget
 * and the call gives them back when it ends. A read that finds the budget spent waits for others
 * to end, and after {@link WebConfig#bodyWaitSeconds()} answers 503 with {@code Retry-After}.
 *
 * <p>Route tables reach the budget through {@link #current()}: they are built by area bundles
 * and handed to the web bundle, which has one budget for the process.
 */
@Component(configurationPid = WebConfig.PID)
public final class BodyBudget {
    static final String BUSY = "Too many large requests are being received; try again later";
    private static final BodyBudget UNLIMITED = new BodyBudget(Integer.MAX_VALUE, 0);
    private static volatile BodyBudget current = UNLIMITED;

    private final Semaphore bytes;
    private final int capacity;
    private final long waitMillis;

    BodyBudget(int capacity, long waitMillis) {
        this.capacity = capacity;
        this.bytes = new Semaphore(capacity, true);
        this.waitMillis = waitMillis;
    }

    @Activate
    public BodyBudget(WebConfig config) {
        this(
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.bodyBudgetMegabytes()) * 1024L * 1024L),
                TimeUnit.SECONDS.toMillis(Math.max(0, config.bodyWaitSeconds())));
        current = this;
    }

    @Deactivate
    void deactivate() {
        if (current == this) {
            current = UNLIMITED;
        }
    }

    /** The budget of the running server (unlimited outside it). */
    public static BodyBudget current() {
        return current;
    }

    /**
     * Takes {@code n} bytes, waiting for them if need be.
     *
     * @throws StatusException 503 when they did not come in time
     */
    void take(int n) {
        if (capacity == Integer.MAX_VALUE) {
            return;
        }
        int wanted = Math.min(n, capacity);
        try {
            if (!bytes.tryAcquire(wanted, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new StatusException(503, BUSY).withHeader("Retry-After", "5");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(503, BUSY);
        }
    }

    /** Gives back bytes taken by {@link #take}. */
    void give(long n) {
        if (capacity != Integer.MAX_VALUE && n > 0) {
            bytes.release((int) Math.min(n, capacity));
        }
    }
}
