package dev.hearth.jobs.files.internal;

import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues one {@code clean-old-trashed} job per instance at each sweep, when an age is configured.
 * The jobs are ordinary ones, so the fair queue spreads them and a restart keeps them; no trigger
 * is stored per instance.
 */
@Component(configurationPid = HousekeepingConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TrashSweep {
    private static final Logger LOG = LoggerFactory.getLogger(TrashSweep.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hearth-trash-sweep").daemon().factory());
    private final JobsService jobs;
    private final InstanceService instances;

    @Activate
    public TrashSweep(@Reference JobsService jobs, @Reference InstanceService instances, HousekeepingConfig config) {
        this.jobs = jobs;
        this.instances = instances;
        if (Ages.parseOrNull(config.autoCleanTrashedAfter()) != null) {
            long every = Math.max(1, config.sweepIntervalMinutes());
            timer.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MINUTES);
        }
    }

    @Deactivate
    public void deactivate() {
        timer.shutdownNow();
    }

    /** Queues the jobs; returns how many. */
    int sweep() {
        int queued = 0;
        for (Instance instance : instances.list()) {
            try {
                jobs.push(
                        instance.domain(),
                        JobRequest.of("clean-old-trashed", Json.mapper().createObjectNode()));
                queued++;
            } catch (RuntimeException e) {
                LOG.warn("The trash of '{}' could not be scheduled for cleaning: {}", instance.domain(), e.toString());
            }
        }
        LOG.info("Queued {} clean-old-trashed jobs", queued);
        return queued;
    }
}
