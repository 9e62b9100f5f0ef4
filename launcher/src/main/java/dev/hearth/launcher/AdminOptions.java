package dev.hearth.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the admin API is and how to authenticate to it; shared by the admin commands. */
final class AdminOptions {
    static final String ENV = "HEARTH_ADMIN_PASSPHRASE";

    @Option(
            names = "--admin-url",
            defaultValue = "http://127.0.0.1:6060",
            description = "Admin API URL (default: ${DEFAULT-VALUE}).")
    String adminUrl;

    @Option(
            names = "--admin-passphrase",
            description = "Admin passphrase (default: $" + ENV
                    + ", else the file the server generated in the data directory).")
    String passphrase;

    @Option(
            names = "--data-dir",
            defaultValue = "hearth-data",
            description =
                    "Data directory of a local server, where a generated admin passphrase is read (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    AdminClient client() throws IOException {
        return new AdminClient(adminUrl, passphrase());
    }

    private String passphrase() throws IOException {
        if (passphrase != null && !passphrase.isEmpty()) {
            return passphrase;
        }
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Path generated = dataDir.resolve("admin-passphrase");
        if (Files.isReadable(generated)) {
            return Files.readString(generated, StandardCharsets.UTF_8).trim();
        }
        throw new IOException("No admin passphrase: pass --admin-passphrase, set " + ENV + ", or run next to the"
                + " server's data directory (--data-dir)");
    }
}
