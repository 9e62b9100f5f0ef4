package dev.hearth.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Hearth's HTTP layer. */
@ObjectClassDefinition(
        name = "Hearth web",
        description = "Request logging, HTTP security headers and the memory request bodies may take.")
public @interface WebConfig {
    String PID = "dev.hearth.web";

    @AttributeDefinition(name = "Request log", description = "Log one line per request (logger dev.hearth.access).")
    boolean requestLog() default true;

    @AttributeDefinition(
            name = "HSTS max-age",
            description = "Strict-Transport-Security max-age sent on HTTPS responses, in seconds; 0 sends none.")
    long hstsMaxAge() default 31536000L;

    @AttributeDefinition(
            name = "Request body budget (MB)",
            description =
                    "Bytes of request bodies all requests together may hold while they are read; a request that would go over waits.")
    int bodyBudgetMegabytes() default 256;

    @AttributeDefinition(
            name = "Request body wait (s)",
            description = "How long a request waits for the body budget before it gets 503.")
    int bodyWaitSeconds() default 30;

    @AttributeDefinition(
            name = "Trusted proxies",
            description = "Addresses or CIDR ranges of the reverse proxies in front of the public endpoint"
                    + " (127.0.0.1, 10.0.0.0/8, ::1). Only their Forwarded and X-Forwarded-For, -Proto,"
                    + " -Host and -Port headers are believed; empty: no one's.")
    String[] trustedProxies() default {};
}
