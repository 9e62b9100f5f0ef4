package dev.hearth.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary files and folders of the integration tests: all under one folder per test JVM, removed
 * when that JVM exits, so that data directories and archives of earlier runs do not pile up in the
 * system's temporary folder.
 */
public final class TestTemp {
    private static final Path ROOT = root();

    private TestTemp() {}

    /** A new empty file, named with the prefix and suffix. */
    public static Path file(String prefix, String suffix) throws IOException {
        return Files.createTempFile(ROOT, prefix, suffix);
    }

    /** A new empty folder, named with the prefix. */
    public static Path directory(String prefix) throws IOException {
        return Files.createTempDirectory(ROOT, prefix);
    }

    private static Path root() {
        try {
            Path root = Files.createTempDirectory("hearth-itests-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "hearth-itests-cleanup"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // The JVM is exiting: what cannot be walked now stays for the system to clean.
        }
    }
}
