package dev.hearth.move.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How exports are cut and kept. */
@ObjectClassDefinition(
        name = "Hearth move",
        description = "Exports of instances to portable archives, and imports of archives into new instances.")
public @interface MoveConfig {
    String PID = "dev.hearth.move";

    @AttributeDefinition(
            name = "Part size",
            description = "Bytes after which a part of an export is closed and the next one begun "
                    + "(a part may pass it by one file).")
    long partsSize() default 1L << 30;

    @AttributeDefinition(name = "Smallest part size", description = "The smallest part size a request may ask for.")
    long minPartsSize() default 1L << 20;

    @AttributeDefinition(name = "Keep exports", description = "Hours an export is kept before it is deleted.")
    int maxAgeHours() default 168;

    @AttributeDefinition(
            name = "Confirm a move within",
            description = "Seconds a move asked for waits for its user's confirmation.")
    int confirmSeconds() default 900;

    @AttributeDefinition(
            name = "Allow private addresses",
            description =
                    "Whether a move may reach servers at loopback, private, link-local or other non-public "
                            + "addresses (the address a token holder gives is otherwise refused when its host resolves to one).")
    boolean allowPrivateAddresses() default false;

    @AttributeDefinition(
            name = "Trusted hosts",
            description = "Hosts (name, or name:port) a move may reach even when they resolve to a non-public "
                    + "address, such as another server of the same network.")
    String[] trustedHosts() default {};
}
