package dev.hearth.apps;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the apps extender did with every app bundle it saw: the apps it deployed and the bundles it
 * refused, with why. Each call returns a fresh snapshot; the admin API, the console and the tests
 * read it.
 */
@ProviderType
public interface AppRuntime {

    /** The deployed apps, by bundle id. */
    List<AppDTO> deployedApps();

    /** The app bundles that are started but not deployed, by bundle id. */
    List<FailedAppDTO> failedApps();
}
