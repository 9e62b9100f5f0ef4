package dev.hearth.konnectors.internal;

/** The configuration PIDs of the two workers; both take a {@link RunConfig}. */
final class Pids {
    static final String KONNECTOR = "dev.hearth.konnectors.konnector";
    static final String SERVICE = "dev.hearth.konnectors.service";

    private Pids() {}
}
