package dev.hearth.js;

/** A limit of a run; the one that ran out is named in {@link RunResult#budget()}. */
public enum Budget {
    /** Time since the run started. */
    WALL_CLOCK,
    /** CPU time of the run's thread. */
    CPU_TIME,
    /** Bytes allocated by the run's thread (cumulative, not live). */
    ALLOCATED_BYTES,
    /** JavaScript statements executed. */
    STATEMENTS,
    /** Bytes written to stdout and stderr. */
    OUTPUT_BYTES,
    /** Number of HTTP requests made by {@code fetch}, redirects included. */
    REQUESTS,
    /** Bytes of HTTP request and response bodies. */
    REQUEST_BYTES,
    /** Timers pending at once. */
    TIMERS,
    /** One host call (including one HTTP exchange) took longer than its timeout. */
    HOST_CALL_TIME,
    /** Documents written through host calls (enforced by the {@link RunHost}). */
    DOCUMENTS_WRITTEN,
    /** Bytes written through host calls (enforced by the {@link RunHost}). */
    BYTES_WRITTEN
}
