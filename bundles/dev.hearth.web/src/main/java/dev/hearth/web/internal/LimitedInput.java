package dev.hearth.web.internal;

import dev.hearth.common.error.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails with 413 as soon as more than its limit has been read, and takes what
 * it reads from the process's {@link BodyBudget} until {@link #release()}.
 */
public final class LimitedInput extends FilterInputStream {
    private final long limit;
    private final BodyBudget budget;
    private long read;
    private long taken;

    public LimitedInput(InputStream in, long limit) {
        this(in, limit, BodyBudget.current());
    }

    LimitedInput(InputStream in, long limit, BodyBudget budget) {
        super(in);
        this.limit = limit;
        this.budget = budget;
    }

    /** Gives back to the budget what this body took; it may be called more than once. */
    public synchronized void release() {
        budget.give(taken);
        taken = 0;
    }

    /** The error of a body larger than {@code limit} bytes. */
    public static ApiException tooLarge(long limit) {
        return ApiException.tooLarge("The request body is larger than " + limit + " bytes");
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private synchronized void count(long n) {
        read += n;
        if (read > limit) {
            throw tooLarge(limit);
        }
        budget.take((int) n);
        taken += n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
