package dev.hearth.auth.internal;

import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.instances.internal.InstancesConfig;
import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** A real instance registry in a temporary folder. */
final class TestInstances {
    private TestInstances() {}

    static InstanceServiceImpl in(Path dataDir) throws Exception {
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
        });
    }
}
