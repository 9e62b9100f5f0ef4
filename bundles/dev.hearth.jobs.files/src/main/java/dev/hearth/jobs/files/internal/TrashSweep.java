package dev.hearth.jobs.files.internal;

import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsService;
import java.time.Clock;
import java.time.Duration;
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
 * is stored per instance. The time of the last sweep is kept in {@code <data-dir>/trash-sweep}, so
 * a restart does not put the next sweep one whole interval later.
 */
@Component(configurationPid = HousekeepingConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TrashSweep {
    private static final Logger LOG = LoggerFactory.getLogger(TrashSweep.class);
    static final String RECORD = "trash-sweep";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hearth-trash-sweep").daemon().factory());
    private final JobsService jobs;
    private final InstanceService instances;
    private final SweepRecord record;

    @Activate
    public TrashSweep(@Reference JobsService jobs, @Reference InstanceService instances, HousekeepingConfig config) {
        this.jobs = jobs;
        this.instances = instances;
        this.record = new SweepRecord(instances.dataDirectory().resolve(RECORD), Clock.systemUTC());
        if (Ages.parseOrNull(config.autoCleanTrashedAfter()) != null) {
            Duration every = Duration.ofMinutes(Math.max(1, config.sweepIntervalMinutes()));
            long first = record.untilNext(every).toMillis();
            timer.scheduleAtFixedRate(this::sweepAndRecord, first, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    public void deactivate() {
        timer.shutdownNow();
    }

    private void sweepAndRecord() {
        try {
            sweep();
            record.swept(); // after the jobs: a crash meanwhile sweeps again, harmlessly, at the restart
        } catch (RuntimeException e) {
            LOG.warn("The trash sweep failed", e);
        }
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
