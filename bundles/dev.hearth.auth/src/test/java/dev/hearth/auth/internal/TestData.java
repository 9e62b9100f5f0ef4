package dev.hearth.auth.internal;

import dev.hearth.datasystem.internal.DataServiceImpl;
import dev.hearth.datasystem.internal.DataSystemConfig;
import dev.hearth.instances.internal.InstanceServiceImpl;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

/** A real instance registry and data service in a temporary folder, as the auth state needs. */
final class TestData implements AutoCloseable {
    final InstanceServiceImpl instances;
    final DataServiceImpl data;

    private TestData(Path dataDir) throws Exception {
        instances = TestInstances.in(dataDir);
        data = new DataServiceImpl(instances, defaults());
        instances.addListener(data);
    }

    static TestData in(Path dataDir) throws Exception {
        return new TestData(dataDir);
    }

    /** The data system configuration with every attribute at its default, as without a .cfg file. */
    private static DataSystemConfig defaults() {
        return (DataSystemConfig) Proxy.newProxyInstance(TestData.class.getClassLoader(),
                new Class<?>[] {DataSystemConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> DataSystemConfig.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "DataSystemConfig(defaults)";
                    default -> method.getDefaultValue();
                });
    }

    @Override
    public void close() {
        data.deactivate();
    }
}
