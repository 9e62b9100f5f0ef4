package dev.hearth.test;

import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.internal.DataServiceImpl;
import dev.hearth.datasystem.internal.DataSystemConfig;
import dev.hearth.instances.InstanceService;
import dev.hearth.instances.internal.InstanceServiceImpl;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real document stores of a registry's instances, as the datasystem bundle runs them (without
 * realtime events), told of instances being destroyed as in the server. Close it at the end of
 * the test to release the store files.
 */
public final class TestData implements AutoCloseable {
    private final InstanceService instances;
    private final DataServiceImpl service;

    private TestData(InstanceService instances, DataServiceImpl service) {
        this.instances = instances;
        this.service = service;
        if (instances instanceof InstanceServiceImpl registry) {
            registry.addListener(service);
        }
    }

    /** A new registry in {@code dataDir} and its stores. */
    public static TestData in(Path dataDir) {
        return over(TestInstances.in(dataDir));
    }

    /** The stores of the instances of {@code instances}, with the default configuration. */
    public static TestData over(InstanceService instances) {
        return over(instances, Map.of());
    }

    /** The stores of the instances of {@code instances}, with some configuration attributes. */
    public static TestData over(InstanceService instances, Map<String, ?> config) {
        return new TestData(instances, DataServiceImpl.embedded(instances, Configs.of(DataSystemConfig.class, config)));
    }

    public InstanceService instances() {
        return instances;
    }

    public DataService service() {
        return service;
    }

    @Override
    public void close() {
        service.deactivate();
    }
}
