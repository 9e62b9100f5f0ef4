package dev.hearth.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The passphrase of each instance's user. Clients hash it before sending it (PBKDF2-SHA256 with
 * the salt {@code me@<domain>} and the instance's iteration count, then one more round); the
 * server stores only a scrypt hash of that client-side hash.
 */
@ProviderType
public interface Passphrases {
    /** Default PBKDF2 iterations of the client-side hash. */
    int DEFAULT_ITERATIONS = 650_000;
    /** Fewest PBKDF2 iterations accepted. */
    int MIN_ITERATIONS = 50_000;

    /**
     * Sets the passphrase from its clear text, applying the client-side derivation itself, as the
     * admin API does when an instance is created with a passphrase.
     *
     * @param iterations the PBKDF2 iterations, or 0 for the default
     * @throws dev.hearth.common.error.ApiException 422 when the passphrase is empty or the
     *     iterations below {@value #MIN_ITERATIONS}
     */
    void setFromClearText(String domain, String passphrase, int iterations);

    /** Whether the user of the instance has chosen a passphrase. */
    boolean isDefined(String domain);
}
