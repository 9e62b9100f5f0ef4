package dev.hearth.test;

import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.instances.internal.InstancesConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real instance registry over a folder, as the instances bundle runs it; tests add the
 * listeners Declarative Services would bind with {@code addListener}.
 */
public final class TestInstances {
    private TestInstances() {}

    /** A registry in {@code dataDir}, with nested app subdomains. */
    public static InstanceServiceImpl in(Path dataDir) {
        return in(dataDir, "nested");
    }

    /** A registry in {@code dataDir} with the given subdomain mode ({@code nested} or {@code flat}). */
    public static InstanceServiceImpl in(Path dataDir, String subdomains) {
        try {
            return new InstanceServiceImpl(
                    Configs.of(InstancesConfig.class, Map.of("dataDir", dataDir.toString(), "subdomains", subdomains)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open an instance registry in " + dataDir, e);
        }
    }
}
