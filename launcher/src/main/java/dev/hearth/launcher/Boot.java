package dev.hearth.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an embedded Felix with the bundles of {@code bundle/<start-level>/}: each is installed by
 * reference (no copy into the cache), given its start level and started.
 */
final class Boot {
    private static final Logger LOG = LoggerFactory.getLogger(Boot.class);

    private Boot() {}

    static Framework start(Path home, Map<String, String> properties) throws IOException, BundleException {
        long t0 = System.nanoTime();
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi framework on the class path"));
        Framework framework = factory.newFramework(new HashMap<>(properties));
        framework.init();
        long t1 = System.nanoTime();
        BundleContext context = framework.getBundleContext();
        int installed = 0;
        for (Path level : levels(home.resolve("bundle"))) {
            int startLevel = Integer.parseInt(level.getFileName().toString());
            for (Path jar : jars(level)) {
                Bundle bundle = context.installBundle("reference:" + jar.toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel);
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
                installed++;
            }
        }
        long t2 = System.nanoTime();
        // One resolver run for every bundle: started one by one, each would run its own.
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        framework.start();
        LOG.debug(
                "Framework init {} ms, {} bundles installed in {} ms, started in {} ms",
                (t1 - t0) / 1_000_000,
                installed,
                (t2 - t1) / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000);
        return framework;
    }

    private static List<Path> levels(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("\\d+"))
                    .sorted((a, b) -> Integer.compare(
                            Integer.parseInt(a.getFileName().toString()),
                            Integer.parseInt(b.getFileName().toString())))
                    .toList();
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
