package dev.hearth.realtime.http.internal;

import dev.hearth.auth.Authenticator;
import dev.hearth.realtime.RealtimeHub;
import java.time.Duration;

/**
 * What every realtime socket of the servlet shares.
 *
 * @param maxQueuedFrames the outbox limit in frames
 * @param maxQueuedBytes the outbox limit in bytes
 * @param authDeadline how long a connection may stay open without authenticating
 */
record SocketServices(
        Authenticator authenticator,
        RealtimeHub hub,
        Frames frames,
        Connections connections,
        int maxQueuedFrames,
        long maxQueuedBytes,
        Duration authDeadline) {}
