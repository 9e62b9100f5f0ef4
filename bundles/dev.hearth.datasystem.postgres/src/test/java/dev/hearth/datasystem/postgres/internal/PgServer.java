package dev.hearth.datasystem.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL server from the machine's packages (Debian's {@code postgresql}), in a
 * temporary folder on a free port, for the length of a test class. As root, the server runs as
 * the {@code postgres} user (initdb refuses root). Other bundles' tests use it from this bundle's
 * test jar.
 */
public final class PgServer implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final boolean asPostgres;
    private final int port;
    private final HikariDataSource pool;

    private PgServer(Path dir, Path bin, boolean asPostgres, int port) {
        this.dir = dir;
        this.bin = bin;
        this.asPostgres = asPostgres;
        this.port = port;
        // The engine's own pool settings, so that tests run the statements as a node sends them.
        this.pool = Pools.pool("test", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "hearth", "", 4);
    }

    public static PgServer start() throws Exception {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("hearth-pg");
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        if (asPostgres) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = dir.resolve("data");
        run(
                bin,
                asPostgres,
                "initdb",
                "-D",
                data.toString(),
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
                data.toString(),
                "-w",
                "-l",
                dir.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
        return new PgServer(dir, bin, asPostgres, port);
    }

    /** The newest installed server's programs. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL is not installed (Debian: apt-get install postgresql)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(
                            b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("No initdb under " + root));
        }
    }

    private static void run(Path bin, boolean asPostgres, String program, String... args) throws Exception {
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

    public HikariDataSource dataSource() {
        return pool;
    }

    public int port() {
        return port;
    }

    /**
     * Brings the server's schema up to date with the engine's migrations, for tests of tables
     * other bundles keep there (without the engine's classes); returns this server.
     */
    public PgServer migrated() {
        Flyway.configure(PgServer.class.getClassLoader())
                .dataSource(pool)
                .locations(PgEngine.MIGRATIONS)
                .table("hearth_schema_history")
                .load()
                .migrate();
        return this;
    }

    @Override
    public void close() throws Exception {
        pool.close();
        try {
            run(bin, asPostgres, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
