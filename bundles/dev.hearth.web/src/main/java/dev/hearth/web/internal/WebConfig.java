package dev.hearth.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Hearth's HTTP layer. */
@ObjectClassDefinition(name = "Hearth web", description = "Request logging and HTTP security headers.")
public @interface WebConfig {
    String PID = "dev.hearth.web";

    @AttributeDefinition(name = "Request log", description = "Log one line per request (logger dev.hearth.access).")
    boolean requestLog() default true;

    @AttributeDefinition(name = "HSTS max-age", description = "Strict-Transport-Security max-age sent on HTTPS responses, in seconds; 0 sends none.")
    long hstsMaxAge() default 31536000L;
}
