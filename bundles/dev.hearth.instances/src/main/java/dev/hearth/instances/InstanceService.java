package dev.hearth.instances;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The registry of instances. Each instance lives in its own folder under the data directory, so
 * it can be backed up, moved or deleted as a folder.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s: 404 {@code Instance not found},
 * 409 {@code Instance already exists}, 422 on the {@code domain} parameter for an illegal domain.
 */
@ProviderType
public interface InstanceService {

    /** Creates an instance with fresh secrets and a register token. */
    Instance create(NewInstance request);

    /** The instance with this domain (compared case-insensitively), if any. */
    Optional<Instance> find(String domain);

    /** The instance with this domain, or 404. */
    Instance get(String domain);

    /** Every instance, sorted by domain. */
    List<Instance> list();

    int count();

    /** Applies the non-null fields of {@code changes}. */
    Instance modify(String domain, InstanceChanges changes);

    /** Clears the register token once the user has chosen a passphrase. */
    Instance finishRegistration(String domain);

    /** Deletes the instance and its folder. Listeners are told first. */
    void destroy(String domain);

    /** Resolves a {@code Host} header to an instance or to one of its apps. */
    Optional<HostMatch> resolveHost(String host);

    SubdomainMode subdomainMode();

    InstanceSecrets secrets(String domain);

    /** The folder of the instance, where bundles keep its documents and files. */
    Path directory(String domain);

    /** The root of the data directory. */
    Path dataDirectory();
}
