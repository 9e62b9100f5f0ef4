package dev.hearth.apps.internal.registry;

import dev.hearth.apps.internal.registry.DownloadException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body written to a stream as it arrives, hashed with SHA-256 and cut off with {@link
 * Kind#TOO_LARGE} as soon as it goes over its bound: a body is never held whole unless the stream
 * is memory, and never read past the bound.
 */
final class BoundedSink implements HttpResponse.BodySubscriber<String> {
    private final OutputStream out;
    private final long max;
    private final MessageDigest sha256;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final long refusedSize;
    private Flow.Subscription subscription;
    private long count;

    BoundedSink(OutputStream out, long max) {
        this(out, max, -1);
    }

    private BoundedSink(OutputStream out, long max, long refusedSize) {
        this.out = out;
        this.max = max;
        this.refusedSize = refusedSize;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** A body refused before it is read: it declares more than {@code max} bytes. */
    static BoundedSink refused(OutputStream out, long max, long declared) {
        return new BoundedSink(out, max, declared);
    }

    /** The message of a body over {@code max} bytes. */
    static String tooLarge(long max) {
        return "The download is larger than " + max + " bytes";
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (refusedSize >= 0) {
            fail(new DownloadException(Kind.TOO_LARGE, tooLarge(max)));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                count += buffer.remaining();
                if (count > max) {
                    fail(new DownloadException(Kind.TOO_LARGE, tooLarge(max)));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                sha256.update(bytes);
                out.write(bytes);
            }
            subscription.request(1);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        subscription.cancel();
        close();
        result.completeExceptionally(e);
    }

    @Override
    public void onError(Throwable throwable) {
        close();
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        try {
            out.close();
            result.complete(HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
    }

    private void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the failure being reported matters more
        }
    }

    /** The lowercase hex SHA-256 of the whole body, once it is all written. */
    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
