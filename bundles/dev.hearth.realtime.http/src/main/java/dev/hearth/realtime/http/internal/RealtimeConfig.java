package dev.hearth.realtime.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the realtime websocket: how far behind a client may fall before it is dropped,
 * and how long and how many connections may stay without authenticating.
 */
@ObjectClassDefinition(
        name = "Hearth realtime",
        description =
                "Outgoing buffer of each realtime websocket (/realtime/), and the limits on connections that have not authenticated.")
public @interface RealtimeConfig {
    String PID = "dev.hearth.realtime.http";

    @AttributeDefinition(
            name = "Queued frames",
            description =
                    "Frames a connection may have waiting to be written; one more drops the connection as too slow.")
    int maxQueuedFrames() default 4096;

    @AttributeDefinition(
            name = "Queued bytes",
            description = "Bytes a connection may have waiting to be written; more drops the connection as too slow.")
    long maxQueuedBytes() default 4L * 1024 * 1024;

    @AttributeDefinition(
            name = "AUTH deadline (s)",
            description = "A connection that has not authenticated this long after it opened is closed.")
    int authSeconds() default 10;

    @AttributeDefinition(
            name = "Unauthenticated per address",
            description =
                    "Connections one client address may hold open before they authenticate; more are refused with 429.")
    int maxUnauthenticatedPerAddress() default 50;
}
