package dev.hearth.jobs.postgres.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the shared job queue. */
@ObjectClassDefinition(
        name = "Hearth jobs on PostgreSQL",
        description = "The job queue several nodes share, on the document engine's placement server.")
public @interface PgJobsConfig {
    String PID = "dev.hearth.jobs.postgres";

    @AttributeDefinition(
            name = "Lease",
            description = "Seconds a claimed job stays held without a heartbeat of its node; a job whose node "
                    + "died is claimed by another node once they passed. The heartbeat runs every third of it.")
    int leaseSeconds() default 10;
}
