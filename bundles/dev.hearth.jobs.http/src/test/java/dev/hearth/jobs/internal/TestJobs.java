package dev.hearth.jobs.internal;

import dev.hearth.datasystem.DataService;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.Worker;
import dev.hearth.realtime.internal.RealtimeHubImpl;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A real jobs service for the HTTP tests, with workers registered as the whiteboard would. */
public final class TestJobs {
    private TestJobs() {}

    public static JobsServiceImpl over(DataService data, InstanceService instances) {
        JobsConfig config = (JobsConfig) Proxy.newProxyInstance(
                TestJobs.class.getClassLoader(),
                new Class<?>[] {JobsConfig.class},
                (p, m, args) -> switch (m.getName()) {
                    case "annotationType" -> JobsConfig.class;
                    case "hashCode" -> 1;
                    case "equals" -> p == args[0];
                    case "toString" -> "JobsConfig";
                    case "retryDelayMillis" -> 10L;
                    default -> m.getDefaultValue();
                });
        return new JobsServiceImpl(data, instances, new RealtimeHubImpl(), config);
    }

    public static void register(JobsServiceImpl jobs, String type, Worker worker) {
        jobs.addWorker(worker, Map.of(Worker.TYPE, type));
    }
}
