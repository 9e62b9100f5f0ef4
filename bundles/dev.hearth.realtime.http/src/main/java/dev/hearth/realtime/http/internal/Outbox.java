package dev.hearth.realtime.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A connection's bounded queue of outgoing frames. {@link #offer} never blocks and never writes:
 * it queues, and starts a writer on the executor when none runs. The writer hands one frame at a
 * time to the transport and takes the next when the transport reports it written. A peer that
 * falls more than {@code maxFrames} frames or {@code maxBytes} bytes behind (frames queued or
 * being written) overflows the outbox: it is emptied, refuses everything from then on, and {@code
 * onOverflow} runs once on the executor. An empty outbox always takes one frame, whatever its size.
 */
final class Outbox {

    /** Where frames go: the websocket session. */
    interface Transport {
        /** Starts writing {@code text}; calls exactly one of the two callbacks when done. */
        void send(String text, Runnable written, Consumer<Throwable> failed);

        /** Closes the connection with this status. */
        void close(int code, String reason);
    }

    /**
     * A text frame and its size in UTF-8, measured once however many outboxes it goes through.
     *
     * @param text the frame
     * @param bytes its UTF-8 length
     */
    record Frame(String text, int bytes) {
        static Frame of(String text) {
            return new Frame(text, utf8Length(text));
        }
    }

    /** The life of an outbox: taking frames, flushing before a close, done. */
    private enum State {
        OPEN,
        CLOSING,
        CLOSED
    }

    /** The close sent once the queue is flushed. */
    private record Close(int code, String reason) {}

    private final Transport transport;
    private final Executor executor;
    private final int maxFrames;
    private final long maxBytes;
    private final Runnable onOverflow;

    // Guarded by this.
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private @Nullable Frame inFlight;
    private long bytes;
    private boolean writing;
    private State state = State.OPEN;
    private @Nullable Close close;

    Outbox(Transport transport, Executor executor, int maxFrames, long maxBytes, Runnable onOverflow) {
        this.transport = transport;
        this.executor = executor;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.onOverflow = onOverflow;
    }

    /** Queues a frame; false when the outbox is closing, closed, or overflows with this frame. */
    boolean offer(Frame frame) {
        boolean start = false;
        boolean overflowed = false;
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            if (fits(frame)) {
                queue.add(frame);
                bytes += frame.bytes();
                start = claimWriter();
            } else {
                discard();
                overflowed = true;
            }
        }
        if (overflowed) {
            executor.execute(onOverflow);
            return false;
        }
        if (start) {
            executor.execute(this::write);
        }
        return true;
    }

    /** Writes what is queued, then closes the connection; later offers are refused. */
    void closeAfterFlush(int code, String reason) {
        boolean start;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            close = new Close(code, reason);
            start = claimWriter();
        }
        if (start) {
            executor.execute(this::write);
        }
    }

    /** Drops what is queued and refuses everything from now on (the connection is gone). */
    synchronized void discard() {
        state = State.CLOSED;
        queue.clear();
        bytes = inFlight == null ? 0 : inFlight.bytes();
    }

    /** Frames queued or being written. */
    synchronized int size() {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    /** Bytes queued or being written. */
    synchronized long bytes() {
        return bytes;
    }

    private boolean fits(Frame frame) {
        if (queue.isEmpty() && inFlight == null) {
            return true;
        }
        return size() < maxFrames && bytes + frame.bytes() <= maxBytes;
    }

    /** Makes the caller the writer when no writer runs and no frame is being written. */
    private boolean claimWriter() {
        if (writing || inFlight != null) {
            return false;
        }
        writing = true;
        return true;
    }

    /**
     * The writer: sends the next frame, and goes on as long as the transport completes writes
     * synchronously; otherwise the write's completion resumes it. Never recursive, however the
     * transport completes.
     */
    private void write() {
        while (true) {
            Frame next;
            Close closing = null;
            synchronized (this) {
                next = inFlight != null || state == State.CLOSED ? null : queue.poll();
                if (next == null) {
                    writing = false;
                    if (inFlight == null && state == State.CLOSING) {
                        state = State.CLOSED;
                        closing = close;
                    }
                } else {
                    inFlight = next;
                }
            }
            if (next == null) {
                if (closing != null) {
                    transport.close(closing.code(), closing.reason());
                }
                return;
            }
            send(next);
        }
    }

    private void send(Frame frame) {
        try {
            transport.send(frame.text(), () -> written(frame), this::failed);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void written(Frame frame) {
        boolean resume;
        synchronized (this) {
            if (inFlight != frame) {
                return;
            }
            inFlight = null;
            bytes -= frame.bytes();
            resume = claimWriter();
        }
        if (resume) {
            write();
        }
    }

    private void failed(Throwable error) {
        synchronized (this) {
            inFlight = null;
            discard();
        }
    }

    /** The UTF-8 size of a frame; JSON text is mostly ASCII, where it is the length. */
    static int utf8Length(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }
}
