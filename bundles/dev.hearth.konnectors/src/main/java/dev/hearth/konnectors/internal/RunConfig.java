package dev.hearth.konnectors.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The budgets of the runs of one worker ({@code konnector} or {@code service}), and how a run
 * reaches its instance. The wall clock of a run is the job's own timeout; the others are below.
 */
@ObjectClassDefinition(
        name = "Hearth konnector and service runs",
        description = "Budgets of the JavaScript runs of a worker, per-konnector overrides, and how runs reach "
                + "their instance.")
public @interface RunConfig {

    @AttributeDefinition(name = "CPU seconds", description = "CPU time of the run's thread.")
    int cpuSeconds() default 120;

    @AttributeDefinition(name = "Allocated megabytes", description = "Bytes allocated by the run's thread, in MiB.")
    long allocatedMegabytes() default 8192;

    @AttributeDefinition(name = "Statements", description = "JavaScript statements executed.")
    long statements() default 2_000_000_000L;

    @AttributeDefinition(name = "Output kilobytes", description = "Bytes written to stdout and stderr, in KiB.")
    long outputKilobytes() default 4096;

    @AttributeDefinition(name = "Requests", description = "HTTP requests made with fetch, redirects included.")
    int requests() default 2000;

    @AttributeDefinition(name = "Request megabytes", description = "Bytes of HTTP bodies sent and received, in MiB.")
    long requestMegabytes() default 512;

    @AttributeDefinition(name = "Timers", description = "Timers pending at once.")
    int timers() default 10_000;

    @AttributeDefinition(name = "Host call seconds", description = "The longest one HTTP exchange may take.")
    int hostCallSeconds() default 60;

    @AttributeDefinition(
            name = "Per-konnector budgets",
            description = "Overrides for one konnector or app, as slug.budget=value (such as "
                    + "my-bank.cpuSeconds=300 or my-bank.requests=5000); budgets are the attribute names above.")
    String[] perSlug() default {};

    @AttributeDefinition(
            name = "Instance scheme",
            description = "The scheme of the instance URLs given to runs (COZY_URL): http, or https behind a proxy.")
    String instanceScheme() default "http";

    @AttributeDefinition(
            name = "Server address",
            description = "host:port where runs reach their instance's API; empty: the public HTTP endpoint of "
                    + "this server.")
    String serverAddress() default "";
}
