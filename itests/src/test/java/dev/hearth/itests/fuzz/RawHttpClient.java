package dev.hearth.itests.fuzz;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 client over a plain socket that sends whatever bytes it is given (so nothing
 * between the fuzzer and the server fixes a broken request) and parses the answer by hand. One
 * connection per request: the request is written by its own thread while the answer is read, so
 * a server that answers before reading the whole body (413) is seen, and the output is
 * half-closed after the request so a server waiting for more body sees the end.
 */
final class RawHttpClient {
    private final InetSocketAddress address;
    private final Duration timeout;

    RawHttpClient(int port, Duration timeout) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.timeout = timeout;
    }

    RawResponse exchange(FuzzRequest request) {
        return exchange(request.wire(), request.isHead());
    }

    RawResponse exchange(byte[] wire, boolean headRequest) {
        return exchange(wire, InputStream.nullInputStream(), headRequest, new AtomicLong());
    }

    /**
     * Sends {@code head} then streams {@code body} (which may be generated as it is read and
     * never held whole), and reads the answer. {@code sent} counts the body bytes written.
     */
    RawResponse exchange(byte[] head, InputStream body, boolean headRequest, AtomicLong sent) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);
            socket.setSoTimeout((int) timeout.toMillis());
            Thread writer = Thread.ofVirtual().start(() -> write(socket, head, body, sent));
            RawResponse response = RawResponse.read(new BufferedInputStream(socket.getInputStream()), headRequest);
            socket.close();
            writer.join(timeout.toMillis());
            return response;
        } catch (IOException e) {
            return RawResponse.failed("cannot connect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RawResponse.failed("interrupted");
        }
    }

    private static void write(Socket socket, byte[] head, InputStream body, AtomicLong sent) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            byte[] buffer = new byte[64 << 10];
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                sent.addAndGet(n);
            }
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            // The server answered and closed before taking everything: its answer is what counts.
        }
    }
}
