package dev.hearth.instances;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The registry of instances. Each instance lives in its own folder under the data directory, so
 * it can be backed up, moved or deleted as a folder; on a cluster the records, secrets and private
 * files are in a shared registry ({@link dev.hearth.instances.registry.RegistryBackend}) and the
 * folder is the node's own.
 *
 * <p>Errors are {@link dev.hearth.common.error.ApiException}s: 404 {@code Instance not found},
 * 409 {@code Instance already exists}, 422 on the {@code domain} parameter for an illegal domain.
 */
@ProviderType
public interface InstanceService {

    /**
     * Creates an instance with fresh secrets and a register token, all or nothing: the
     * {@link InstanceListener#instanceCreating listeners} take their part of the request (the
     * passphrase) before the instance becomes visible, and when one of them fails nothing is left
     * behind. With a passphrase, the onboarding is over at once (no register token), as in Cozy;
     * {@link NewInstance#onboardingFinished()} then applies when given.
     *
     * @throws dev.hearth.common.error.ApiException 409 when the domain exists, is being created,
     *     or is being destroyed; 422 on an illegal domain, quota, or what a listener refuses
     *     (such as {@code Passphrase} or {@code KdfIterations})
     */
    Instance create(NewInstance request);

    /** The instance with this domain (compared case-insensitively), if any. */
    Optional<Instance> find(String domain);

    /** The instance with this domain, or 404. */
    Instance get(String domain);

    /** Every instance, sorted by domain. */
    List<Instance> list();

    int count();

    /**
     * Applies the set fields of {@code changes}. A change of the locale, email, public name or
     * timezone is a change of the {@link #settings settings} too, and gives them a new revision.
     */
    Instance modify(String domain, InstanceChanges changes);

    /** Clears the register token once the user has chosen a passphrase. */
    Instance finishRegistration(String domain);

    /**
     * The user-editable settings of the instance ({@code io.cozy.settings.instance}), with their
     * revision.
     */
    InstanceSettings settings(String domain);

    /**
     * Replaces the user-editable settings, given the revision the caller read: {@code locale},
     * {@code email}, {@code public_name} and {@code timezone} set the instance's fields (a missing
     * or null one is cleared, except the locale, which is kept), every other attribute is kept as
     * given, and the attributes the server computes ({@code context}, {@code password_defined},
     * {@code auth_mode}, {@code uuid}, {@code onboarding_finished}, {@code default_redirection})
     * are ignored. One atomic write of the instance's record.
     *
     * @throws dev.hearth.common.error.ApiException 409 {@code Document update conflict} when
     *     {@code rev} is not the current revision, 422 when one of the four fields is not a string
     */
    InstanceSettings updateSettings(String domain, String rev, ObjectNode attributes);

    /**
     * Deletes the instance and its folder. The instance first disappears (lookups and host
     * resolution no longer find it, and creating the same domain is refused with 409 until the
     * deletion is over), then listeners are told, then the folder is deleted.
     */
    void destroy(String domain);

    /** Resolves a {@code Host} header to an instance or to one of its apps. */
    Optional<HostMatch> resolveHost(String host);

    SubdomainMode subdomainMode();

    InstanceSecrets secrets(String domain);

    /**
     * The folder of the instance, where bundles keep its documents and files. It is also known
     * while the instance is being created, for {@link InstanceListener#instanceCreating}.
     */
    Path directory(String domain);

    /**
     * A small private file of the instance (a passphrase hash, two-factor state), kept with its
     * record: on the node's disk, or in the shared registry every node reads. Names are plain
     * lowercase file names. It is also known while the instance is being created.
     */
    Optional<byte[]> readPrivate(String domain, String name);

    /** Replaces a private file of the instance atomically, readable by its owner only. */
    void writePrivate(String domain, String name, byte[] content);

    /** Removes a private file of the instance, if there is one. */
    void deletePrivate(String domain, String name);

    /** The root of the data directory. */
    Path dataDirectory();
}
