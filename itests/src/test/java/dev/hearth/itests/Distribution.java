package dev.hearth.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built distribution run as separate processes: the server, and the command-line client.
 * Public so that the test suites of sub-packages (the fuzzer) start the server the same way.
 */
public final class Distribution implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("(Public|Admin) endpoint (http://\\S+)");

    /** The distribution folder the build assembles. */
    public static final Path BUILT = Path.of(System.getProperty("hearth.distribution", "../launcher/target/hearth"))
            .toAbsolutePath()
            .normalize();

    public final Path home;
    public final Path data;
    private final Path log;
    private Process server;
    public String publicUrl;
    public String adminUrl;

    /** The outcome of a command: exit code and what it printed. */
    public record Result(int exitCode, String out) {}

    public Distribution(Path data) {
        this(BUILT, data);
    }

    /** The distribution installed in {@code home} (an unpacked release archive, say). */
    public Distribution(Path home, Path data) {
        this.home = home;
        this.data = data;
        this.log = data.resolveSibling(data.getFileName() + ".log");
    }

    /** Starts {@code hearth serve} on free ports and waits until it says it is ready. */
    public void start(Map<String, String> env) throws IOException, InterruptedException {
        start(env, 0, 0);
    }

    /** Starts {@code hearth serve} on the given ports (0: any free one) and waits until it is ready. */
    public void start(Map<String, String> env, int httpPort, int adminPort, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/hearth").toString(),
                "serve",
                "--data-dir",
                data.toString(),
                "--http-port",
                Integer.toString(httpPort),
                "--admin-port",
                Integer.toString(adminPort)));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("HEARTH_ADMIN_PASSPHRASE");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        int before = Files.exists(log)
                ? Files.readAllLines(log, StandardCharsets.UTF_8).size()
                : 0;
        server = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        publicUrl = null;
        adminUrl = null;
        while (publicUrl == null || adminUrl == null) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The server did not start:\n" + log());
            }
            Thread.sleep(100);
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(before, lines.size()), lines.size())) {
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    if (m.group(1).equals("Public")) {
                        publicUrl = m.group(2);
                    } else {
                        adminUrl = m.group(2);
                    }
                }
            }
        }
    }

    /** A port that is free now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int publicPort() {
        return URI.create(publicUrl).getPort();
    }

    /** Whether the server process is still running (a crash or an OutOfMemoryError exit ends it). */
    public boolean isAlive() {
        return server != null && server.isAlive();
    }

    /** Whether this server is the process {@code pid} (bin/hearth execs the JVM). */
    public boolean isProcess(long pid) {
        return server != null && (server.pid() == pid || server.descendants().anyMatch(p -> p.pid() == pid));
    }

    /** Sends SIGTERM; returns how long the server took to exit. */
    public Duration stop() throws InterruptedException {
        long start = System.nanoTime();
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new IllegalStateException("The server ignored SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Kills the server with SIGKILL, as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        server.destroyForcibly();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The server survived SIGKILL");
        }
    }

    /** Runs {@code hearth <args>} against this server's admin endpoint. */
    public Result cli(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(home.resolve("bin/hearth").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("HEARTH_ADMIN_PASSPHRASE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("hearth " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (server != null && server.isAlive()) {
            try {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
