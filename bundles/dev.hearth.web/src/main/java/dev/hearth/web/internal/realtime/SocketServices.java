package dev.hearth.web.internal.realtime;

import dev.hearth.auth.Authenticator;
import dev.hearth.auth.Shares;
import dev.hearth.realtime.RealtimeHub;

/**
 * What every realtime socket of the servlet shares.
 *
 * @param maxQueuedFrames the outbox limit in frames
 * @param maxQueuedBytes the outbox limit in bytes
 */
record SocketServices(Authenticator authenticator, Shares shares, RealtimeHub hub, Frames frames, Connections connections,
        int maxQueuedFrames, long maxQueuedBytes) {}
