package dev.hearth.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth serve}: starts the server on its embedded defaults. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Starts the server. Everything it stores goes under the data directory.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(4);

    @Option(
            names = "--data-dir",
            defaultValue = "hearth-data",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            description = "Public port (default: ${DEFAULT-VALUE}; 0 picks one).")
    int httpPort;

    @Option(
            names = "--admin-port",
            defaultValue = "6060",
            description = "Admin port (default: ${DEFAULT-VALUE}; 0 picks one).")
    int adminPort;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address of the public endpoint (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--admin-host",
            defaultValue = "127.0.0.1",
            description = "Address of the admin endpoint (default: ${DEFAULT-VALUE}).")
    String adminHost;

    @Option(
            names = "--subdomains",
            defaultValue = "nested",
            description = "App hosts: nested (drive.alice.example) or flat (alice-drive.example).")
    String subdomains;

    @Option(
            names = "--trusted-proxies",
            defaultValue = "",
            description = "Reverse proxies whose X-Forwarded-For, -Proto and -Host (or Forwarded) headers are"
                    + " believed: addresses or CIDR ranges, comma-separated (default: none).")
    String trustedProxies;

    @Override
    public Integer call() throws Exception {
        if (!subdomains.equals("nested") && !subdomains.equals("flat")) {
            LOG.error("--subdomains must be nested or flat, not '{}'", subdomains);
            return 2;
        }
        Path home =
                Path.of(System.getProperty("hearth.home", ".")).toAbsolutePath().normalize();
        Path data = dataDir.toAbsolutePath().normalize();
        if (!portsAreFree()) {
            return 1;
        }
        Files.createDirectories(data);
        Framework framework = Boot.start(home, frameworkProperties(home, data));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "hearth-shutdown"));
        Readiness.Endpoints endpoints = Readiness.await(framework, READY_TIMEOUT);
        if (endpoints == null) {
            LOG.error("The server did not become ready within {} s; see the messages above", READY_TIMEOUT.toSeconds());
            stop(framework);
            return 1;
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        LOG.info("Hearth is ready after {} ms. Data in '{}'.", uptime, data);
        LOG.info(
                "Public endpoint {} (instances answer on their own host names, e.g. alice.localhost:{})",
                endpoints.publicUrl(),
                endpoints.publicPort());
        LOG.info(
                "Admin endpoint {} (admin API /instances, console {}/system/console)",
                endpoints.adminUrl(),
                endpoints.adminUrl());
        framework.waitForStop(0);
        return 0;
    }

    private Map<String, String> frameworkProperties(Path home, Path data) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hearth.home", home.toString());
        settings.put("hearth.data.dir", data.toString());
        settings.put("hearth.load.dir", home.resolve("load").toString());
        settings.put("hearth.http.port", Integer.toString(httpPort));
        settings.put("hearth.http.host", host);
        settings.put("hearth.admin.port", Integer.toString(adminPort));
        settings.put("hearth.admin.host", adminHost);
        settings.put("hearth.subdomains", subdomains);
        settings.put("hearth.trusted.proxies", trustedProxies);
        Map<String, String> props = FrameworkProperties.load(home.resolve("conf/hearth.properties"), settings);
        props.put(Constants.FRAMEWORK_STORAGE, data.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                FrameworkProperties.systemPackagesExtra(
                        home.resolve("lib"),
                        props.get(FrameworkProperties.BOOT_EXPORTS),
                        props.get(FrameworkProperties.BOOT_PACKAGES)));
        return props;
    }

    private boolean portsAreFree() {
        return isFree(host, httpPort, "--http-port") && isFree(adminHost, adminPort, "--admin-port");
    }

    private static boolean isFree(String address, int port, String option) {
        if (port == 0) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            LOG.error(
                    "Cannot listen on {}:{} ({}); free it or choose another {}", address, port, e.getMessage(), option);
            return false;
        }
    }

    private static void stop(Framework framework) {
        try {
            if (framework.getState() != Framework.RESOLVED) {
                framework.stop();
                framework.waitForStop(STOP_TIMEOUT.toMillis());
            }
        } catch (Exception e) {
            LOG.warn("Stopping the framework failed: {}", e.toString());
        }
    }
}
