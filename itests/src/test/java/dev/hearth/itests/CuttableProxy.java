package dev.hearth.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback in front of the server, whose link can be cut: every open connection
 * is closed and new ones are closed as soon as accepted, as when the network is gone; then
 * restored. What a client sees through it is a real network failure, not an HTTP error.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private volatile int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    /** Bytes after which the next connection opened is cut, or -1. */
    private final java.util.concurrent.atomic.AtomicLong cutAfter = new java.util.concurrent.atomic.AtomicLong(-1);

    CuttableProxy(int targetPort) {
        this.target = targetPort;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    /** The base URL of the relay. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** Closes every connection and refuses new ones. */
    void cut() {
        cut = true;
        open.forEach(CuttableProxy::quietly);
        open.clear();
    }

    /**
     * Cuts, once, the first connection opened from now on whose answer passes {@code bytes}: the
     * client gets the first bytes of the answer, then its connection ends, as when a transfer
     * dies half way. Other connections are left alone.
     */
    void cutAfter(long bytes) {
        cutAfter.set(bytes);
    }

    void restore() {
        cut = false;
    }

    /** Sends new connections to another port, as a load balancer does when a node is gone. */
    void retarget(int port) {
        target = port;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    quietly(client);
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    quietly(client);
                    continue;
                }
                open.add(client);
                open.add(server);
                long limit = cutAfter.get();
                Thread.ofVirtual().start(() -> pump(client, server, -1));
                Thread.ofVirtual().start(() -> pump(server, client, limit));
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[16 * 1024];
        long relayed = 0;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                relayed += n;
                if (limit >= 0 && relayed > limit && cutAfter.compareAndSet(limit, -1)) {
                    break;
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            quietly(from);
            quietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
