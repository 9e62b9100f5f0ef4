package dev.hearth.instances.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** Builds {@link InstancesConfig} values for tests. */
final class TestConfigs {
    private TestConfigs() {}

    static InstancesConfig instances(Path dataDir, String subdomains) {
        return new InstancesConfig() {
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
                return subdomains;
            }

            @Override
            public String defaultLocale() {
                return "en";
            }

            @Override
            public String backend_target() {
                return "(hearth.instances=embedded)";
            }
        };
    }
}
