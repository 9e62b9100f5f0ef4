package dev.hearth.realtime.redis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Redis server through which the nodes of a cluster pass each other their realtime events. */
@ObjectClassDefinition(
        name = "Hearth realtime over Redis",
        description = "Every node publishes its realtime events to a Redis channel and delivers the other nodes'"
                + " events to its own subscribers. Exists only while this configuration does.")
public @interface RedisRelayConfig {
    String PID = "dev.hearth.realtime.redis";

    /** {@code .url}: the leading dot keeps a password it holds out of the service properties. */
    @AttributeDefinition(
            name = "Redis URL",
            type = AttributeType.PASSWORD,
            description = "redis://host:port, redis://:password@host:port, redis://user:password@host:port, or"
                    + " rediss://... for TLS.")
    String _url() default "redis://127.0.0.1:6379";

    @AttributeDefinition(
            name = "Channel",
            description = "The Redis channel of the events; the nodes of one cluster share it, another cluster on"
                    + " the same Redis takes another.")
    String channel() default "hearth:realtime";

    @AttributeDefinition(
            name = "Queue (MiB)",
            description = "The most encoded events waiting to be published (while Redis is unreachable); past that"
                    + " new ones are dropped and counted in the log.")
    int queueMegabytes() default 32;

    @AttributeDefinition(name = "Timeout (seconds)", description = "To connect, and to wait for an answer.")
    int timeoutSeconds() default 5;

    @AttributeDefinition(
            name = "Idle check (seconds)",
            description = "A subscription silent for this long is checked with a PING, and reconnected if that is not"
                    + " answered in as long again.")
    int pingSeconds() default 30;
}
