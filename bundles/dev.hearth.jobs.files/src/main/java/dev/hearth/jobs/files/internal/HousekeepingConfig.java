package dev.hearth.jobs.files.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** When old trashed entries are destroyed. */
@ObjectClassDefinition(
        name = "Hearth trash housekeeping",
        description = "Destroys the entries left in the instances' trash for longer than an age.")
public @interface HousekeepingConfig {
    String PID = "dev.hearth.jobs.files";

    @AttributeDefinition(
            name = "Clean trashed entries after",
            description = "Age after which a trashed entry is destroyed (30d, 720h); empty keeps the trash as it is.")
    String autoCleanTrashedAfter() default "";

    @AttributeDefinition(
            name = "Sweep interval",
            description = "Minutes between two sweeps, each queuing one clean-old-trashed job per instance "
                    + "(only with an age).")
    int sweepIntervalMinutes() default 1440;
}
