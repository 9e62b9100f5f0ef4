package dev.hearth.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package in a temporary folder on a
 * free port, stopped and deleted when the JVM ends (Pax Exam gives configurations no end). As
 * root it runs as the {@code postgres} user: initdb refuses root.
 */
final class PostgresServer {
    private static PostgresServer started;

    final int port;

    private PostgresServer(int port) {
        this.port = port;
    }

    /** The server of this JVM, started on first use. */
    static synchronized PostgresServer get() {
        if (started == null) {
            try {
                started = start();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start PostgreSQL", e);
            }
        }
        return started;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static PostgresServer start() throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL under /usr/lib/postgresql"));
        }
        Path dir = Files.createTempDirectory("hearth-it-pg");
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        if (asPostgres) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port = Distribution.freePort();
        String data = dir.resolve("data").toString();
        run(
                bin,
                asPostgres,
                "initdb",
                "-D",
                data,
                "-U",
                "hearth",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync");
        run(
                bin,
                asPostgres,
                "pg_ctl",
                "-D",
                data,
                "-w",
                "-l",
                dir.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(bin, asPostgres, "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            } catch (Exception e) {
                // the JVM is ending: nothing more to do
            }
        }));
        return new PostgresServer(port);
    }

    private static void run(Path bin, boolean asPostgres, String program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(program + " failed: " + output);
        }
    }
}
