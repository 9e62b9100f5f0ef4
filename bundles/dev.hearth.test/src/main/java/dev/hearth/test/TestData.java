package dev.hearth.test;

import dev.hearth.datasystem.DataService;
import dev.hearth.datasystem.internal.DataServiceImpl;
import dev.hearth.datasystem.internal.DataSystemConfig;
import dev.hearth.instances.InstanceService;
import java.util.Map;

/**
 * The real document stores of a registry's instances, as the datasystem bundle runs them (without
 * realtime events). Close it at the end of the test to release the store files.
 */
public final class TestData implements AutoCloseable {
    private final DataServiceImpl service;

    private TestData(DataServiceImpl service) {
        this.service = service;
    }

    /** The stores of the instances of {@code instances}, with the default configuration. */
    public static TestData over(InstanceService instances) {
        return over(instances, Map.of());
    }

    /** The stores of the instances of {@code instances}, with some configuration attributes. */
    public static TestData over(InstanceService instances, Map<String, ?> config) {
        return new TestData(new DataServiceImpl(instances, Configs.of(DataSystemConfig.class, config)));
    }

    public DataService service() {
        return service;
    }

    @Override
    public void close() {
        service.deactivate();
    }
}
