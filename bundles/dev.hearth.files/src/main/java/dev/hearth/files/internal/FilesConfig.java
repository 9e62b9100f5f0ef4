package dev.hearth.files.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the file system. */
@ObjectClassDefinition(name = "Hearth files", description = "Checks of the file system of the instances.")
public @interface FilesConfig {
    String PID = "dev.hearth.files";

    @AttributeDefinition(
            name = "Startup check",
            description = "At start, check every instance's files (documents against blobs) in the background and"
                    + " log what is inconsistent; staged uploads a stopped process left behind are always removed.")
    boolean startupCheck() default true;
}
