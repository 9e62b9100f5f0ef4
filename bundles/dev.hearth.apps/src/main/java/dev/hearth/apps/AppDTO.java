package dev.hearth.apps;

import org.osgi.dto.DTO;
import org.osgi.framework.dto.ServiceReferenceDTO;

/** A deployed app, as {@link AppRuntime} reports it: a snapshot the caller may keep or change. */
public class AppDTO extends DTO {
    /** The id of the app's bundle. */
    public long bundleId;

    /** The symbolic name of the app's bundle. */
    public String symbolicName = "";

    /** The app's slug. */
    public String slug = "";

    /** {@code webapp} or {@code konnector}. */
    public String type = "";

    /** The manifest's version. */
    public String version = "";

    /** The services registered for the app, all with the app bundle's context. */
    public ServiceReferenceDTO[] contributions = new ServiceReferenceDTO[0];
}
