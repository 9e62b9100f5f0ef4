package dev.hearth.realtime.redis.internal;

import dev.hearth.realtime.EventRelay;
import dev.hearth.redis.RedisEndpoint;
import dev.hearth.redis.Resp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A real Redis for the tests: Debian's {@code redis-server} on a free loopback port, keeping
 * nothing on disk, stopped and started again on the same port at will. Where it is not installed
 * the tests say so and are not run, except where {@code HEARTH_E2E_REQUIRED=1} (CI), where that
 * fails them.
 */
public final class RedisServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final @Nullable String password;
    private final List<RedisRelay> relays = new ArrayList<>();
    private @Nullable Process process;

    private RedisServer(int port, @Nullable String password) {
        this.port = port;
        this.password = password;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public static boolean required() {
        return "1".equals(System.getenv("HEARTH_E2E_REQUIRED"));
    }

    public static RedisServer start(@Nullable String password) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = new RedisServer(port, password);
        server.start();
        return server;
    }

    /** Starts (again) on the same port and waits until it answers. */
    public void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            await(this::answers, "redis-server to answer on port " + port);
        } catch (RuntimeException | Error | InterruptedException e) {
            kill();
            throw e;
        }
    }

    /** Stops the server abruptly, as a crash would. */
    public void kill() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    public String url() {
        if (password == null) {
            return "redis://127.0.0.1:" + port;
        }
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        return "redis://:" + encoded + "@127.0.0.1:" + port;
    }

    /** A relay through this server, with short timeouts; stopped with the server. */
    public EventRelay relay(String url) {
        RedisRelay relay = new RedisRelay(
                RedisEndpoint.parse(url), "hearth:test", 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(1));
        relays.add(relay);
        return relay;
    }

    public static boolean subscribed(EventRelay relay) {
        return ((RedisRelay) relay).subscribed();
    }

    /** Publishes raw bytes on the relays' channel, as a foreign publisher would. */
    public void publishRaw(byte[] message) throws IOException {
        try (Resp resp = Resp.connect(RedisEndpoint.parse(url()), Duration.ofSeconds(2))) {
            resp.call("PUBLISH", "hearth:test", message);
        }
    }

    private boolean answers() {
        try (Resp resp = Resp.connect(RedisEndpoint.parse(url()), Duration.ofSeconds(1))) {
            return "PONG".equals(resp.call("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        relays.forEach(RedisRelay::stop);
        kill();
    }
}
