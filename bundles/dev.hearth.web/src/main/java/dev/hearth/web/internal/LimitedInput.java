package dev.hearth.web.internal;

import dev.hearth.common.error.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails with 413 as soon as more than its limit has been read. */
public final class LimitedInput extends FilterInputStream {
    private final long limit;
    private long read;

    public LimitedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
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

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw tooLarge(limit);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
