package dev.hearth.apps.internal.registry;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the registries each context reads apps from, and of downloads. */
@ObjectClassDefinition(
        name = "Hearth app registries",
        description = "The registries of each context, in order, and the bounds of every download of an app.")
public @interface RegistriesConfig {
    String PID = "dev.hearth.apps.registries";

    @AttributeDefinition(
            name = "Registries",
            description = "Entries context=registry, in order of priority: 'hearth:' is this server's own registry,"
                    + " 'file:/path' a registry folder (a copy of <data-dir>/registry), 'https://host/[space/]'"
                    + " a cozy-apps-registry. A context without entries uses those of 'default'.")
    String[] registries() default {"default=hearth:"};

    @AttributeDefinition(
            name = "Largest download (MB)",
            description = "An app archive or a published tarball larger than this is refused as it arrives.")
    int downloadMaxMegabytes() default 64;

    @AttributeDefinition(
            name = "Download time (s)",
            description = "The time a whole download may take, the body included.")
    int downloadTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Registry time (s)", description = "The time one request to a registry may take.")
    int registryTimeoutSeconds() default 10;
}
