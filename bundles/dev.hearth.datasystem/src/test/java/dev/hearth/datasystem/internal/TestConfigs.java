package dev.hearth.datasystem.internal;

import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.instances.internal.InstancesConfig;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations for tests: the annotation defaults, with some attributes replaced. */
final class TestConfigs {
    private TestConfigs() {}

    /** The data system configuration with the given attributes; the others keep their defaults. */
    static DataSystemConfig datasystem(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        return (DataSystemConfig) Proxy.newProxyInstance(
                TestConfigs.class.getClassLoader(),
                new Class<?>[] {DataSystemConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> DataSystemConfig.class;
                    case "toString" -> "DataSystemConfig" + all;
                    case "hashCode" -> all.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> all.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    static DataSystemConfig datasystem() {
        return datasystem(Map.of());
    }

    /** A real instance registry in {@code dataDir}. */
    static InstanceServiceImpl instances(Path dataDir) throws IOException {
        return new InstanceServiceImpl(new InstancesConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return InstancesConfig.class;
            }

            @Override
            public String dataDir() {
                return dataDir.toString();
            }

            @Override
            public String subdomains() {
                return "nested";
            }

            @Override
            public String defaultLocale() {
                return "en";
            }

            @Override
            public String backend_target() {
                return "(hearth.instances=embedded)";
            }
        });
    }
}
