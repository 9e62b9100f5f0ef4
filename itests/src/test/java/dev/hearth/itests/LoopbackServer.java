package dev.hearth.itests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A plain HTTP server on loopback for what Hearth downloads: tarballs (as {@code
 * application/gzip}, as publishing tools serve them), a stand-in registry's JSON, a body sent too
 * slowly.
 */
final class LoopbackServer implements AutoCloseable {
    private record Body(String type, byte[] bytes) {}

    private final HttpServer server;
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> slow = new ConcurrentHashMap<>();

    LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code bytes} at {@code path} and gives its URL. */
    String serve(String path, String type, byte[] bytes) {
        bodies.put(path, new Body(type, bytes));
        return url(path);
    }

    String json(String path, String json) {
        return serve(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one byte every 100 ms at {@code path}, {@code bytes} times. */
    String slow(String path, int bytes) {
        slow.put(path, bytes);
        return url(path);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Integer trickle = slow.get(path);
        try (exchange) {
            if (trickle != null) {
                exchange.getResponseHeaders().set("Content-Type", "application/gzip");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < trickle; i++) {
                    out.write(0x1f);
                    out.flush();
                    Thread.sleep(100);
                }
                return;
            }
            Body body = bodies.get(path);
            if (body == null) {
                byte[] missing = "{\"error\":\"Application was not found\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, missing.length);
                exchange.getResponseBody().write(missing);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", body.type());
            exchange.sendResponseHeaders(200, body.bytes().length);
            exchange.getResponseBody().write(body.bytes());
        } catch (IOException | InterruptedException e) {
            // the client hung up
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
