package dev.hearth.sendmail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The SMTP server the sendmail worker sends through. */
@ObjectClassDefinition(
        name = "Hearth sendmail",
        description = "The SMTP server that sends the mails of the instances, and how to reach it.")
public @interface SmtpConfig {
    String PID = "dev.hearth.sendmail";

    @AttributeDefinition(name = "Host", description = "The SMTP server's host name or address.")
    String host() default "localhost";

    @AttributeDefinition(name = "Port", description = "The SMTP server's port (25, 587 with STARTTLS, 465 with TLS).")
    int port() default 25;

    @AttributeDefinition(
            name = "TLS",
            description = "none: plain SMTP; starttls: upgrade when the server offers it; starttls-required: refuse a "
                    + "server that does not; tls: TLS from the start (SMTPS).",
            options = {
                @Option(label = "none", value = "none"),
                @Option(label = "starttls", value = "starttls"),
                @Option(label = "starttls-required", value = "starttls-required"),
                @Option(label = "tls", value = "tls")
            })
    String tls() default "starttls";

    @AttributeDefinition(name = "User name", description = "Authenticates with this user name when not empty.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "The password of the user.")
    String password() default "";

    @AttributeDefinition(
            name = "Sender",
            description = "The address mails come from; {domain} is replaced by the instance's domain (without port).")
    String noreplyAddress() default "noreply@{domain}";

    @AttributeDefinition(
            name = "Timeout",
            description = "Seconds to connect, and to wait for each answer of the server.")
    int timeoutSeconds() default 30;

    @AttributeDefinition(name = "Local host name", description = "The name given in EHLO; empty for the machine's.")
    String localHost() default "";
}
