package dev.hearth.auth;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
    /** The message of a wrong current passphrase. */
    String INVALID = "Invalid passphrase";

    /**
     * What a client needs to hash the passphrase.
     *
     * @param kdf 0 for PBKDF2-SHA256, the only one
     */
    record KdfParams(String salt, int kdf, int iterations) {}

    /**
     * Sets the passphrase from its clear text, applying the client-side derivation itself. An
     * instance created with a passphrase ({@code NewInstance.passphrase()}) gets it the same way,
     * with the same checks, while it is being created.
     *
     * @param iterations the PBKDF2 iterations, or 0 for the default
     * @throws dev.hearth.common.error.ApiException 422 when the passphrase is empty or the
     *     iterations below {@value #MIN_ITERATIONS}
     */
    void setFromClearText(String domain, String passphrase, int iterations);

    /** Whether the user of the instance has chosen a passphrase. */
    boolean isDefined(String domain);

    KdfParams params(String domain);

    /** Whether a client-side hash is the user's passphrase. Costs one scrypt hash (about 100 ms). */
    boolean check(String domain, String clientHash);

    /** Whether {@code token} is the instance's register token (in constant time); false once used. */
    boolean isRegisterToken(String domain, @Nullable String token);

    /**
     * Onboarding: sets the first passphrase with the instance's register token, which it uses up.
     *
     * @throws dev.hearth.common.error.ApiException 400 on a wrong or used register token, 422 on
     *     an empty hash or too few iterations
     */
    void register(String domain, String registerToken, String clientHash, int iterations, @Nullable String hint);

    /**
     * Changes the passphrase, given the current one.
     *
     * @throws dev.hearth.common.error.ApiException 400 {@value #INVALID} when {@code currentHash}
     *     is wrong, 422 on an empty new hash or too few iterations
     */
    void change(String domain, String currentHash, String newHash, int iterations);

    Optional<String> hint(String domain);

    /** Sets or (with null) clears the hint. */
    void setHint(String domain, @Nullable String hint);
}
