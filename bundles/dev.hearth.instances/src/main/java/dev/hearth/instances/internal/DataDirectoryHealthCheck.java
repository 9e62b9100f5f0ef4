package dev.hearth.instances.internal;

import dev.hearth.common.health.HealthCheck;
import dev.hearth.instances.InstanceService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reports {@code fs}: whether the data directory can be written and read back. */
@Component
public final class DataDirectoryHealthCheck implements HealthCheck {
    private final InstanceService instances;

    @Activate
    public DataDirectoryHealthCheck(@Reference InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String name() {
        return "fs";
    }

    @Override
    public void check() throws Exception {
        Path probe = Files.createTempFile(instances.dataDirectory(), ".health-", ".tmp");
        try {
            Files.writeString(probe, "ok");
            if (!"ok".equals(Files.readString(probe))) {
                throw new IllegalStateException("data directory returned other bytes than written");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
