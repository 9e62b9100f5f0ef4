package dev.hearth.instances.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the instance registry. */
@ObjectClassDefinition(
        name = "Hearth instances",
        description = "Where instances are stored and how their app hosts are formed.")
public @interface InstancesConfig {
    String PID = "dev.hearth.instances";

    @AttributeDefinition(
            name = "Data directory",
            description = "Root folder of all server data; instances live in its 'instances' folder.")
    String dataDir() default "hearth-data";

    @AttributeDefinition(
            name = "App subdomains",
            description = "nested: drive.alice.example; flat: alice-drive.example",
            options = {@Option(label = "nested", value = "nested"), @Option(label = "flat", value = "flat")})
    String subdomains() default "nested";

    @AttributeDefinition(
            name = "Registry backend",
            description = "Where instances are kept: (hearth.instances=embedded), the data directory;"
                    + " (hearth.instances=shared), the registry several nodes share.")
    String backend_target() default "(hearth.instances=embedded)";

    @AttributeDefinition(name = "Default locale", description = "Locale of new instances when none is given.")
    String defaultLocale() default "en";
}
