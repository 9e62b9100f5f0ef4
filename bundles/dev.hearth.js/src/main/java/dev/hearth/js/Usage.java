package dev.hearth.js;

/**
 * What a run used. {@code statements} is -1 unless the statement budget ran out: the engine
 * counts statements but does not report the count otherwise.
 */
public record Usage(
        long wallMillis,
        long cpuMillis,
        long allocatedBytes,
        long statements,
        long outputBytes,
        int requests,
        long requestBytes) {}
