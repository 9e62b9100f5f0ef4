package dev.hearth.redis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the short-lived values in Redis; they exist only while configured. */
@ObjectClassDefinition(
        name = "Hearth short-lived values in Redis",
        description = "Authorization codes, download secrets and login counters shared by the nodes of a cluster.")
public @interface RedisValuesConfig {
    String PID = "dev.hearth.redis";

    @AttributeDefinition(
            name = "Redis URL",
            description = "redis://[[user]:password@]host[:port] or rediss://... (TLS)",
            type = AttributeType.PASSWORD)
    String _url();

    @AttributeDefinition(
            name = "Key prefix",
            description = "Prepended to every key, so that clusters may share a Redis.")
    String prefix() default "hearth:";

    @AttributeDefinition(name = "Connections", description = "Connections kept open at most.")
    int connections() default 8;

    @AttributeDefinition(name = "Timeout", description = "Connect and reply timeout, in milliseconds.")
    int timeoutMillis() default 2000;
}
