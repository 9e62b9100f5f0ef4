package dev.hearth.features;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains the distribution's ahead-of-time cache ({@code lib/hearth.aot}, JDK 25): starts the
 * built server once on free ports, exercises the common request paths, and stops it; the JVM
 * then writes the classes it loaded and linked, with their profiles, so that later starts skip
 * that work. Skipped on a JVM older than 25 or with {@code -Dhearth.aot.skip}.
 */
@Mojo(name = "train-aot", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class TrainMojo extends AbstractMojo {
    private static final Pattern ENDPOINT = Pattern.compile("(Public|Admin) endpoint (http://\\S+)");
    private static final String PASSPHRASE = "aot-training";

    @Parameter(defaultValue = "${project.build.directory}/hearth")
    private File distribution;

    @Parameter(property = "hearth.aot.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || Runtime.version().feature() < 25) {
            getLog().info("AOT cache training skipped");
            return;
        }
        Path home = distribution.toPath();
        Path cache = home.resolve("lib/hearth.aot");
        Path log = home.resolveSibling("aot-training.log");
        Path data = null;
        Process server = null;
        try {
            Files.deleteIfExists(cache);
            data = Files.createTempDirectory("hearth-aot");
            server = start(home, data, cache, log);
            String[] urls = awaitEndpoints(server, log);
            exercise(urls[0], urls[1]);
            server.destroy();
            if (!server.waitFor(180, TimeUnit.SECONDS)) {
                throw new MojoExecutionException("The training server did not stop");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("AOT training failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted", e);
        } finally {
            if (server != null && server.isAlive()) {
                server.destroyForcibly();
            }
            deleteQuietly(data);
        }
        if (Files.exists(cache)) {
            getLog().info("AOT cache written: " + cache);
        } else {
            getLog().warn("The JVM wrote no AOT cache; the distribution starts without one. See " + log);
        }
    }

    private Process start(Path home, Path data, Path cache, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                home.resolve("bin/hearth").toString(),
                "serve",
                "--data-dir",
                data.toString(),
                "--http-port",
                "0",
                "--admin-port",
                "0");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HEARTH_ADMIN_PASSPHRASE", PASSPHRASE);
        pb.environment().put("HEARTH_JAVA_OPTS", "-XX:AOTCacheOutput=" + cache);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** Watches the server log until it is ready; returns {public URL, admin URL}. */
    private String[] awaitEndpoints(Process server, Path log)
            throws IOException, InterruptedException, MojoExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && server.isAlive()) {
            String publicUrl = null;
            String adminUrl = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = ENDPOINT.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (m.group(1).equals("Public")) {
                    publicUrl = m.group(2);
                } else {
                    adminUrl = m.group(2);
                }
            }
            if (publicUrl != null && adminUrl != null) {
                return new String[] {publicUrl, adminUrl};
            }
            Thread.sleep(200);
        }
        throw new MojoExecutionException("The training server did not become ready; see " + log);
    }

    private void exercise(String publicUrl, String adminUrl) throws IOException {
        URI pub = URI.create(publicUrl);
        URI admin = URI.create(adminUrl);
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSPHRASE).getBytes(StandardCharsets.UTF_8));
        String domain = "training.localhost:" + pub.getPort();
        request(admin, "POST", "/instances?Domain=" + domain, "127.0.0.1", basic);
        String token = body(request(
                admin,
                "POST",
                "/instances/token?Domain=" + domain + "&Audience=cli&Scope=io.cozy.files",
                "127.0.0.1",
                basic));
        for (int i = 0; i < 200; i++) {
            request(pub, "GET", "/status", domain, null);
            request(pub, "GET", "/permissions/self", domain, "Bearer " + token);
            request(pub, "GET", "/nowhere", "unknown.localhost", null);
            request(admin, "GET", "/instances/" + domain, "127.0.0.1", basic);
        }
        request(admin, "GET", "/system/console/bundles", "127.0.0.1", basic);
        request(admin, "GET", "/system/console/hearth-instances", "127.0.0.1", basic);
        request(admin, "DELETE", "/instances/" + domain, "127.0.0.1", basic);
    }

    /** One HTTP/1.1 exchange over a plain socket (the JDK client may not set the Host header). */
    private static String request(URI base, String method, String path, String host, String authorization)
            throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAccept: application/json\r\nConnection: close\r\nContent-Length: 0\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String response) {
        int start = response.indexOf("\r\n\r\n");
        return start < 0 ? "" : response.substring(start + 4).trim();
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
