package dev.hearth.realtime.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The bounded outgoing buffer: order, one write at a time, limits, the drop policy, close after flush. */
class OutboxTest {

    /** A transport that records frames and completes writes when told to (or at once). */
    static final class Wire implements Outbox.Transport {
        final List<String> sent = new ArrayList<>();
        final Deque<Runnable> pending = new ArrayDeque<>();
        final Deque<Consumer<Throwable>> failures = new ArrayDeque<>();
        String closed;
        boolean instant;

        @Override
        public synchronized void send(String text, Runnable written, Consumer<Throwable> failed) {
            sent.add(text);
            if (instant) {
                written.run();
            } else {
                pending.add(written);
                failures.add(failed);
            }
        }

        @Override
        public synchronized void close(int code, String reason) {
            closed = code + " " + reason;
        }

        void complete() {
            Runnable next;
            synchronized (this) {
                next = pending.poll();
                failures.poll();
            }
            next.run();
        }
    }

    private final Wire wire = new Wire();
    private final AtomicInteger overflows = new AtomicInteger();

    private Outbox outbox(int maxFrames, long maxBytes) {
        return new Outbox(wire, Runnable::run, maxFrames, maxBytes, overflows::incrementAndGet);
    }

    @Test
    void writesInOrderOneFrameAtATime() {
        Outbox out = outbox(10, 1000);
        assertThat(out.offer(Outbox.Frame.of("a"))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("b"))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("c"))).isTrue();
        assertThat(wire.sent).containsExactly("a");
        assertThat(out.size()).isEqualTo(3);
        wire.complete();
        assertThat(wire.sent).containsExactly("a", "b");
        wire.complete();
        wire.complete();
        assertThat(wire.sent).containsExactly("a", "b", "c");
        assertThat(out.size()).isZero();
        assertThat(out.bytes()).isZero();
    }

    @Test
    void dropsThePeerWhenTooManyFramesWait() {
        Outbox out = outbox(3, 1000);
        assertThat(out.offer(Outbox.Frame.of("1"))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("2"))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("3"))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("4"))).isFalse();
        assertThat(overflows).hasValue(1);
        assertThat(out.offer(Outbox.Frame.of("5"))).isFalse();
        assertThat(overflows).hasValue(1);
        wire.complete();
        assertThat(wire.sent).containsExactly("1");
        assertThat(out.size()).isZero();
    }

    @Test
    void dropsThePeerWhenTooManyBytesWait() {
        Outbox out = outbox(100, 10);
        assertThat(out.offer(Outbox.Frame.of("12345"))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("12345"))).isTrue();
        assertThat(out.bytes()).isEqualTo(10);
        assertThat(out.offer(Outbox.Frame.of("é"))).isFalse();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void anEmptyOutboxTakesOneFrameOfAnySize() {
        Outbox out = outbox(100, 10);
        assertThat(out.offer(Outbox.Frame.of("x".repeat(50)))).isTrue();
        assertThat(out.offer(Outbox.Frame.of("y"))).isFalse();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void bytesAreCountedInUtf8() {
        assertThat(Outbox.utf8Length("abc")).isEqualTo(3);
        assertThat(Outbox.utf8Length("é€")).isEqualTo(5);
        assertThat(Outbox.utf8Length("😀")).isEqualTo(4);
    }

    @Test
    void closesAfterWhatIsQueuedAndRefusesMore() {
        Outbox out = outbox(10, 1000);
        out.offer(Outbox.Frame.of("error"));
        out.closeAfterFlush(1008, "bye");
        assertThat(out.offer(Outbox.Frame.of("late"))).isFalse();
        assertThat(wire.closed).isNull();
        wire.complete();
        assertThat(wire.sent).containsExactly("error");
        assertThat(wire.closed).isEqualTo("1008 bye");
        assertThat(overflows).hasValue(0);
    }

    @Test
    void aFailedWriteDiscardsTheRest() {
        Outbox out = outbox(10, 1000);
        out.offer(Outbox.Frame.of("a"));
        out.offer(Outbox.Frame.of("b"));
        wire.failures.poll().accept(new IOException("reset"));
        assertThat(out.size()).isZero();
        assertThat(out.offer(Outbox.Frame.of("c"))).isFalse();
        assertThat(wire.sent).containsExactly("a");
    }

    @Test
    void synchronousWritesDoNotRecurse() {
        wire.instant = true;
        ExecutorService later = Executors.newSingleThreadExecutor();
        try {
            Outbox out = new Outbox(wire, later, 200_000, Long.MAX_VALUE, overflows::incrementAndGet);
            CountDownLatch hold = new CountDownLatch(1);
            later.execute(() -> awaitQuietly(hold));
            for (int i = 0; i < 100_000; i++) {
                out.offer(Outbox.Frame.of("f" + i));
            }
            hold.countDown();
            later.shutdown();
            assertThat(later.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(wire.sent).hasSize(100_000).startsWith("f0", "f1").endsWith("f99999");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void concurrentOffersAreAllWrittenOnce() throws Exception {
        wire.instant = true;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Outbox out = new Outbox(wire, pool, 1_000_000, Long.MAX_VALUE, overflows::incrementAndGet);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    out.offer(Outbox.Frame.of(thread + ":" + i));
                }
            }));
        }
        for (var w : writers) {
            w.get();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        pool.shutdown();
        synchronized (wire) {
            assertThat(wire.sent).hasSize(40_000).doesNotHaveDuplicates();
        }
        assertThat(overflows).hasValue(0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
