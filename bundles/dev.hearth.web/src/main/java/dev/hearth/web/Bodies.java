package dev.hearth.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Sends content from a channel as the body of an answer with as few copies as the container
 * allows. A region of a file is mapped and handed to Jetty's output as it is, so the bytes go from
 * the page cache to the socket without passing through the heap; other channels go through one
 * direct buffer. Headers (length, type) are the caller's, set before.
 */
public final class Bodies {
    /** The most bytes of a file mapped at a time. */
    private static final long REGION = 64L << 20;
    /** Files smaller than this are read rather than mapped (a mapping costs more than a copy). */
    private static final long MAP_FROM = 256L << 10;

    private static final int BUFFER = 1 << 20;

    private Bodies() {}

    /**
     * Sends {@code length} bytes of {@code channel} from its current position; a {@link FileChannel}
     * is sent as a file region.
     *
     * @throws IOException when the channel ends before {@code length} bytes, or the client went away
     */
    public static void send(HttpServletResponse resp, ReadableByteChannel channel, long length) throws IOException {
        if (channel instanceof FileChannel file) {
            sendRegion(resp, file, file.position(), length);
        } else {
            copy(resp.getOutputStream(), channel, length);
        }
    }

    /**
     * Sends {@code length} bytes of {@code file} starting at {@code position}. The file must not
     * shrink meanwhile (a blob store's files never change once written).
     */
    public static void sendRegion(HttpServletResponse resp, FileChannel file, long position, long length)
            throws IOException {
        if (file.size() < position + length) {
            throw new IOException("The file is shorter than the region to send");
        }
        ServletOutputStream out = resp.getOutputStream();
        if (length < MAP_FROM || !(out instanceof HttpOutput jetty)) {
            copy(out, file.position(position), length);
            return;
        }
        for (long at = position, end = position + length; at < end; ) {
            long n = Math.min(REGION, end - at);
            // A shared arena: Jetty may finish the write on another thread; closed once written.
            try (Arena arena = Arena.ofShared()) {
                jetty.write(
                        file.map(FileChannel.MapMode.READ_ONLY, at, n, arena).asByteBuffer());
            }
            at += n;
        }
    }

    private static void copy(ServletOutputStream out, ReadableByteChannel in, long length) throws IOException {
        int size = (int) Math.min(BUFFER, Math.max(length, 1));
        // A large body goes through a direct buffer, which the socket takes without a copy.
        ByteBuffer buffer = out instanceof HttpOutput && length >= MAP_FROM
                ? ByteBuffer.allocateDirect(size)
                : ByteBuffer.allocate(size);
        for (long left = length; left > 0; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("The content is shorter than announced");
            }
            buffer.flip();
            if (out instanceof HttpOutput jetty) {
                jetty.write(buffer);
            } else {
                out.write(buffer.array(), 0, n);
            }
            left -= n;
        }
    }
}
